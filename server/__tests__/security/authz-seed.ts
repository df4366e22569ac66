import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { invitations, organizations, projects, ROLES, type Role } from "@/db/schema";
import { addTestMember, createTestOrg, createTestProject, createTestUser, orgCtx } from "@/db/testing";
import { handleDatasetUpload } from "@/server/http/datasets/upload";
import { artifactsClient, mlflowClient } from "@/server/http/mlflow/testing";
import { registerRunner } from "@/server/services/runners/register";
import { createApiToken } from "@/server/services/tokens/create-api-token";
import type { ArtifactStore } from "@/server/storage/artifact-store";
import { callerFor } from "@/server/trpc/testing";

export type User = { id: string; email: string; name: string };

/** Ids and names of one organization's resources; rows point at them and `fresh` replaces used-up ones. */
export interface Res {
  cardKey: string;
  columnId: string;
  columnToDelete: string;
  plannedSprint: string;
  activeSprint: string;
  linkId: string;
  datasetName: string;
  experimentId: string;
  experimentName: string;
  loggedModelId: string;
  experimentToDelete: string;
  /** Set by the restore rows' `fresh`. */
  experimentToRestore?: string;
  runToRestore?: string;
  runId: string;
  runToDelete: string;
  modelName: string;
  modelToDelete: string;
  versionToDelete: string;
  jobId: string;
  jobToCancel: string;
  jobToRetry: string;
  runnerId: string;
  runnerToRemove: string;
  regTokenToRevoke: string;
  memberToChange: string;
  memberToRemove: string;
  invitationToResend: string;
  invitationToRevoke: string;
  /** Each member's spare API token, which the token-revoking row uses up. */
  spareToken: Map<string, string>;
}

export interface OrgSeed {
  tag: "A" | "B";
  /** Written into this organization's names, titles and descriptions, never into a request: must not appear in another organization's answers. */
  marker: string;
  org: { id: string; slug: string };
  key: string;
  members: Record<Role, User>;
  tokens: Record<Role, string>;
  res: Res;
  admin: ReturnType<typeof callerFor>;
  mlflow: ReturnType<typeof mlflowClient>;
  /** Secrets of this organization that no other organization's answer may contain. */
  secrets: string[];
  make: ReturnType<typeof makers>;
}

const rand = () => randomBytes(3).toString("hex");

/** Creators of one resource each, as the organization's admin; seeding and `fresh` share them. */
function makers(database: Database, store: ArtifactStore, s: Omit<OrgSeed, "make" | "res">) {
  const base = { org: s.org.slug, key: s.key };
  const ok = <T extends { status: number; body: unknown }>(r: T, what: string) => {
    if (r.status >= 300) throw new Error(`seed ${s.tag}: ${what} answered ${r.status} ${JSON.stringify(r.body)}`);
    return r.body as T["body"];
  };
  const m = {
    column: async () => (await s.admin.board.addColumn({ ...base, name: `col-${rand()}`, category: "doing" })).id,
    sprint: async () => (await s.admin.sprints.create({ ...base, name: `Sprint ${s.marker}` })).id,
    link: async (cardKey: string, runId: string) => (await s.admin.runs.links.create({ org: s.org.slug, cardKey, kind: "run", target: runId })).id,
    experiment: async () => ok(await s.mlflow("POST", "experiments/create", { name: `exp-${s.tag}-${rand()}` }), "experiment").experiment_id as string,
    run: async (experimentId: string) => ok(await s.mlflow("POST", "runs/create", { experiment_id: experimentId, run_name: `run ${s.marker}` }), "run").run.info.run_id as string,
    model: async () => {
      const name = `model-${s.tag}-${rand()}`;
      ok(await s.mlflow("POST", "registered-models/create", { name, description: `Model ${s.marker}` }), "model");
      return name;
    },
    version: async (name: string, runId: string) =>
      ok(await s.mlflow("POST", "model-versions/create", { name, source: `runs:/${runId}/model`, run_id: runId }), "version").model_version.version as string,
    job: async () => (await s.admin.jobs.create({ ...base, spec: { kind: "command", command: `echo ${s.marker}` } })).id,
    runner: async () => {
      const reg = await s.admin.runners.createRegistrationToken({ org: s.org.slug, name: `reg-${rand()}` });
      const input = { registrationToken: reg.token, name: `runner-${s.tag}-${rand()}`, labels: [], resources: { cpus: 1, memoryBytes: 0, gpus: [] } };
      return (await registerRunner({ db: database.db, input })).runnerId;
    },
    regToken: async () => (await s.admin.runners.createRegistrationToken({ org: s.org.slug, name: `reg-${rand()}` })).id,
    member: async (roles: Role[]) => {
      const u = await createTestUser(database.db, { name: `Member ${s.marker}` });
      s.secrets.push(u.email);
      await addTestMember(database.db, s.org.id, u.id, roles);
      return u.id;
    },
    /** An open invitation for a manager (which a manager may act on), mailed long enough ago to be resent. */
    invitation: async () => {
      const { id } = await s.admin.invitations.create({ org: s.org.slug, email: `invitee-${rand()}@example.com`, roles: ["manager"] });
      await database.db.update(invitations).set({ lastSentAt: new Date(Date.now() - 120_000) }).where(eq(invitations.id, id));
      return id;
    },
    spareToken: async (userId: string) => (await createApiToken({ ctx: await orgCtx(database.db, s.org.id, userId), input: { name: `spare-${rand()}` } })).id,
    upload: async (name: string, csv: string) => {
      const req = new Request(`http://localhost/api/v1/orgs/${s.org.slug}/projects/${s.key}/datasets/${name}/versions`, {
        method: "POST",
        headers: { "content-type": "text/csv", authorization: `Bearer ${s.tokens.admin}` },
        body: csv,
      });
      const res = await handleDatasetUpload(req, { db: database.db, getSession: async () => null, store }, { org: s.org.slug, key: s.key, name });
      if (res.status >= 300) throw new Error(`seed ${s.tag}: upload answered ${res.status} ${await res.text()}`);
    },
  };
  return m;
}

/** One organization with a member per role and one resource of every type, each named with its marker. */
export async function seedOrg(database: Database, store: ArtifactStore, tag: "A" | "B"): Promise<OrgSeed> {
  const db = database.db;
  const marker = `zq${tag}${randomBytes(5).toString("hex")}`;
  const org = await createTestOrg(db);
  await db.update(organizations).set({ name: `Org ${marker}` }).where(eq(organizations.id, org.id));
  const project = await createTestProject(db, org.id);
  await db.update(projects).set({ name: `Project ${marker}` }).where(eq(projects.id, project.id));
  const members = {} as Record<Role, User>;
  const tokens = {} as Record<Role, string>;
  const secrets = [marker];
  for (const role of ROLES) {
    members[role] = await createTestUser(db, { name: `${role} ${marker}` });
    secrets.push(members[role].email);
    await addTestMember(db, org.id, members[role].id, [role]);
    tokens[role] = (await createApiToken({ ctx: await orgCtx(db, org.id, members[role].id), input: { name: "matrix" } })).token;
  }
  const admin = callerFor(db, members.admin);
  const mlflow = mlflowClient(db, org.slug, project.key, { token: tokens.admin }, store);
  const partial = { tag, marker, org: { id: org.id, slug: org.slug }, key: project.key, members, tokens, admin, mlflow, secrets };
  const make = makers(database, store, partial);
  const base = { org: org.slug, key: project.key };

  const card = await admin.cards.create({ ...base, title: `Card ${marker}`, description: `About ${marker}` });
  await admin.cards.comment({ org: org.slug, cardKey: card.key, body: `Comment ${marker}` });
  const datasetName = `ds-${tag.toLowerCase()}-${rand()}`;
  await admin.datasets.create({ ...base, name: datasetName, description: `Data ${marker}`, licence: "CC0", containsPersonalData: false });
  await make.upload(datasetName, "id,value\n1,2\n");
  const experimentName = `exp-${tag}-named-${rand()}`;
  const experimentId = (await mlflow("POST", "experiments/create", { name: experimentName })).body.experiment_id as string;
  const runId = await make.run(experimentId);
  await mlflow("POST", "runs/log-metric", { run_id: runId, key: "loss", value: 0.5, timestamp: 1, step: 0 });
  await artifactsClient(db, org.slug, project.key, { token: tokens.admin }, store)("PUT", `${experimentId}/${runId}/artifacts/notes.txt`, marker);
  const modelName = await make.model();
  await make.version(modelName, runId);
  await mlflow("POST", "registered-models/alias", { name: modelName, alias: "champion", version: "1" });
  const jobToRetry = await make.job();
  await admin.jobs.cancel({ org: org.slug, id: jobToRetry });
  const spareToken = new Map<string, string>();
  for (const role of ROLES) spareToken.set(members[role].id, await make.spareToken(members[role].id));

  const res: Res = {
    cardKey: card.key,
    columnId: project.columns[0]!.id,
    columnToDelete: await make.column(),
    plannedSprint: await make.sprint(),
    activeSprint: "",
    linkId: await make.link(card.key, runId),
    datasetName,
    experimentId,
    experimentName,
    loggedModelId: (await mlflow("POST", "logged-models", { experiment_id: experimentId, name: "lm" })).body.model.info.model_id as string,
    experimentToDelete: await make.experiment(),
    runId,
    runToDelete: await make.run(experimentId),
    modelName,
    modelToDelete: await make.model(),
    versionToDelete: await make.version(modelName, runId),
    jobId: await make.job(),
    jobToCancel: await make.job(),
    jobToRetry,
    runnerId: await make.runner(),
    runnerToRemove: await make.runner(),
    regTokenToRevoke: await make.regToken(),
    memberToChange: await make.member(["viewer"]),
    memberToRemove: await make.member(["viewer"]),
    invitationToResend: await make.invitation(),
    invitationToRevoke: await make.invitation(),
    spareToken,
  };
  return { ...partial, res, make };
}

/** Strings of `seed` found in `text`: its marker or its members' emails. */
export function leaksOf(seed: OrgSeed, text: string): string[] {
  return seed.secrets.filter((s) => text.includes(s));
}

