import type { Database } from "@/db/client";
import { createTestProject, createTestTeam, orgCtx } from "@/db/testing";
import type { Role } from "@/db/schema";
import { createApiToken } from "@/server/services/tokens/create-api-token";
import type { ArtifactStore } from "@/server/storage/artifact-store";
import { artifactsClient, mlflowClient, type MlflowAuth } from "../testing";

export async function tokenFor(database: Database, orgId: string, userId: string) {
  return (await createApiToken({ ctx: await orgCtx(database.db, orgId, userId), input: { name: "mlflow" } })).token;
}

/** An organization with one member per role, one project and an MLflow client per role. */
export async function mlflowWorkspace(database: Database) {
  const team = await createTestTeam(database.db);
  const project = await createTestProject(database.db, team.org.id);
  const clients = {} as Record<Role, ReturnType<typeof mlflowClient>>;
  for (const role of Object.keys(team.members) as Role[]) {
    const token = await tokenFor(database, team.org.id, team.members[role].id);
    clients[role] = mlflowClient(database.db, team.org.slug, project.key, { token });
  }
  const as = (auth: MlflowAuth, projectKey = project.key, orgSlug = team.org.slug) => mlflowClient(database.db, orgSlug, projectKey, auth);
  return { ...team, project, mlflow: clients.data_scientist, clients, as };
}

/**
 * An mlflowWorkspace whose data scientist has a token, tracking and artifact clients on `store`, an
 * experiment and a run in it (`run`: more runs/create fields, such as tags).
 */
export async function mlflowRunWorkspace(database: Database, store: ArtifactStore, run: Record<string, unknown> = {}) {
  const ws = await mlflowWorkspace(database);
  const token = await tokenFor(database, ws.org.id, ws.members.data_scientist.id);
  const mlflow = mlflowClient(database.db, ws.org.slug, ws.project.key, { token }, store);
  const art = artifactsClient(database.db, ws.org.slug, ws.project.key, { token }, store);
  const exp = (await mlflow("POST", "experiments/create", { name: `e-${Math.random()}` })).body.experiment_id as string;
  const info = (await mlflow("POST", "runs/create", { experiment_id: exp, ...run })).body.run.info;
  return { ...ws, token, mlflow, art, exp, runId: info.run_id as string, root: (info.artifact_uri as string).replace("mlflow-artifacts:/", "") };
}
