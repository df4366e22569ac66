// The demo's dataset: a synthetic customer table for CHURN in two versions (v2 adds a column), so
// the dataset pages show statistics and a diff, and the built-in `train` job has data to learn from.
import path from "node:path";
import { Readable } from "node:stream";
import { and, eq } from "drizzle-orm";
import type { Db } from "./client";
import { memberships, organizations, users } from "./schema";
import { createDataset } from "@/server/services/datasets/create-dataset";
import { markReady } from "@/server/services/datasets/mark-ready";
import { uploadVersion } from "@/server/services/datasets/upload-version";
import type { OrgContext } from "@/server/services/context";
import { ArtifactStore } from "@/server/storage/artifact-store";

/** Deterministic PRNG (mulberry32) so every demo has the same data. */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Churn depends on tenure, charges, tickets, contract and late payments, plus noise. */
export function churnCsv(rows: number, { withNps = false, seed = 7 } = {}): string {
  const r = rng(seed);
  const header = ["customer_id", "tenure_months", "monthly_charges", "support_tickets", "monthly_contract", "late_payments", ...(withNps ? ["nps_score"] : []), "churned"];
  const lines = [header.join(",")];
  for (let i = 0; i < rows; i++) {
    const tenure = Math.floor(r() * 72) + 1;
    const charges = Math.round((20 + r() * 100) * 100) / 100;
    const tickets = Math.floor(-Math.log(1 - r()) * 1.5);
    const monthly = r() < 0.55;
    const late = Math.floor(r() * 4);
    const nps = Math.round(-100 + r() * 200);
    const z = -1.2 - 0.05 * tenure + 0.02 * charges + 0.45 * tickets + (monthly ? 1.1 : -0.6) + 0.35 * late - (withNps ? nps / 120 : 0);
    const churned = r() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
    lines.push([`C${String(10000 + i)}`, tenure, charges, tickets, monthly, late, ...(withNps ? [nps] : []), churned].join(","));
  }
  return `${lines.join("\n")}\n`;
}

async function dataEngineerCtx(db: Db, orgSlug: string): Promise<OrgContext> {
  const [row] = await db
    .select({ orgId: organizations.id, name: organizations.name, userId: users.id, roles: memberships.roles })
    .from(organizations)
    .innerJoin(memberships, eq(memberships.orgId, organizations.id))
    .innerJoin(users, and(eq(users.id, memberships.userId), eq(users.email, "data@acme.test")))
    .where(eq(organizations.slug, orgSlug));
  if (!row) throw new Error("demo data engineer missing");
  return { db, actor: { userId: row.userId }, org: { id: row.orgId, slug: orgSlug, name: row.name }, roles: row.roles };
}

/** Creates CHURN/customers v1 (ready) and v2 (one more column), stored under `<dataDir>/artifacts`. */
export async function seedDemoDataset(db: Db, { dataDir, orgSlug, projectKey }: { dataDir: string; orgSlug: string; projectKey: string }) {
  const ctx = await dataEngineerCtx(db, orgSlug);
  const store = new ArtifactStore(path.join(dataDir, "artifacts"));
  await createDataset({
    ctx,
    input: {
      key: projectKey,
      name: "customers",
      description: "One row per subscriber with account features and whether they cancelled within 30 days.",
      licence: "Synthetic data generated for the Runboard demo; free to use.",
      containsPersonalData: false,
    },
  });
  const upload = (csv: string, filename: string) =>
    uploadVersion({ ctx, input: { key: projectKey, name: "customers", format: "csv", filename }, body: Readable.from([Buffer.from(csv)]), store });
  await upload(churnCsv(1000), "customers-2026-10.csv");
  await markReady({ ctx, input: { key: projectKey, name: "customers", version: 1 } });
  await upload(churnCsv(1200, { withNps: true, seed: 8 }), "customers-2026-11.csv");
}
