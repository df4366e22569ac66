import { writeFileSync, mkdirSync, chmodSync } from "node:fs";
import path from "node:path";
import { count } from "drizzle-orm";
import type { Db } from "./client";
import { memberships, organizations, projects, users, type Role } from "./schema";
import { hashPassword } from "@/server/auth/passwords";
import { createApiToken } from "@/server/services/tokens/create-api-token";
import { createRegistrationToken } from "@/server/services/runners/create-registration-token";
import type { OrgContext } from "@/server/services/context";
import { seedKanbanProject, seedScrumProject } from "./seed-agile";
import { seedDemoDataset } from "./seed-datasets";

export const DEMO_PASSWORD = "runboard-demo";
export const DEMO_ORG = { slug: "acme", name: "Acme ML" };

const DEMO_USERS: { email: string; name: string; roles: Role[] }[] = [
  { email: "admin@acme.test", name: "Ada Admin", roles: ["admin"] },
  { email: "manager@acme.test", name: "Morgan Manager", roles: ["manager"] },
  { email: "data@acme.test", name: "Dee Engineer", roles: ["data_engineer"] },
  { email: "scientist@acme.test", name: "Sam Scientist", roles: ["data_scientist"] },
  { email: "developer@acme.test", name: "Devi Developer", roles: ["developer"] },
  { email: "viewer@acme.test", name: "Vic Viewer", roles: ["viewer"] },
];

const DEMO_PROJECTS = [
  { key: "CHURN", name: "Customer churn", description: "Predict which subscribers will cancel in the next 30 days." },
  { key: "FRAUD", name: "Card fraud", description: "Flag fraudulent card transactions in real time." },
];

export interface DemoInfo {
  org: string;
  project: string;
  users: { email: string; password: string; roles: Role[] }[];
  apiToken: string;
  runnerToken: string;
}

/** Seeds the demo workspace into an empty database and writes `<dataDir>/demo.json` (mode 0600). */
export async function seedDemoIfEmpty(db: Db, { dataDir }: { dataDir: string }): Promise<DemoInfo | null> {
  const [existing] = await db.select({ n: count() }).from(organizations);
  if ((existing?.n ?? 0) > 0) return null;
  const info = await seedDemo(db);
  mkdirSync(dataDir, { recursive: true });
  await seedDemoDataset(db, { dataDir, orgSlug: info.org, projectKey: info.project });
  const file = path.join(dataDir, "demo.json");
  writeFileSync(file, `${JSON.stringify(info, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return info;
}

export async function seedDemo(db: Db): Promise<DemoInfo> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction(async (tx) => {
    const [org] = await tx.insert(organizations).values(DEMO_ORG).returning();
    const created = await tx
      .insert(users)
      // Demo accounts are made here, not signed up: their addresses count as verified, and the demo
      // seed is the one place that makes members without an invitation.
      .values(DEMO_USERS.map((u) => ({ email: u.email, name: u.name, passwordHash, emailVerifiedAt: new Date() })))
      .returning();
    const idOf = (email: string) => created.find((u) => u.email === email)!.id;
    await tx.insert(memberships).values(DEMO_USERS.map((u) => ({ orgId: org!.id, userId: idOf(u.email), roles: u.roles })));
    const [churn, fraud] = await tx
      .insert(projects)
      .values(DEMO_PROJECTS.map((p) => ({ ...p, orgId: org!.id, createdBy: idOf("manager@acme.test") })))
      .returning();
    const board = {
      db: tx,
      orgId: org!.id,
      actor: idOf("manager@acme.test"),
      assignees: { data_engineer: idOf("data@acme.test"), data_scientist: idOf("scientist@acme.test"), developer: idOf("developer@acme.test") },
    };
    await seedScrumProject({ ...board, projectId: churn!.id });
    await seedKanbanProject({ ...board, projectId: fraud!.id });

    const as = (email: string): OrgContext => ({
      db: tx,
      actor: { userId: idOf(email) },
      org: { id: org!.id, slug: org!.slug, name: org!.name },
      roles: DEMO_USERS.find((u) => u.email === email)!.roles,
    });
    const apiToken = await createApiToken({ ctx: as("manager@acme.test"), input: { name: "demo scripts" } });
    const runnerToken = await createRegistrationToken({ ctx: as("admin@acme.test"), input: { name: "demo runners" } });
    return {
      org: DEMO_ORG.slug,
      project: DEMO_PROJECTS[0]!.key,
      users: DEMO_USERS.map((u) => ({ email: u.email, password: DEMO_PASSWORD, roles: u.roles })),
      apiToken: apiToken.token,
      runnerToken: runnerToken.token,
    };
  });
}
