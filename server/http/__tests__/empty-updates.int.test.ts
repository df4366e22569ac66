import { describe, expect, it } from "vitest";
import { createTestProject, createTestTeam, orgCtx } from "@/db/testing";
import { withTestDb } from "@/db/with-test-db";
import { mlflowClient } from "@/server/http/mlflow/testing";
import { createApiToken } from "@/server/services/tokens/create-api-token";
import { restClientOf } from "@/server/trpc/testing";

// An update naming nothing to change used to build an empty SQL UPDATE (500); it is a no-op answering the current record.
const database = withTestDb();
const rest = restClientOf(database);

async function workspace() {
  const team = await createTestTeam(database.db);
  const project = await createTestProject(database.db, team.org.id);
  const ctx = await orgCtx(database.db, team.org.id, team.members.data_engineer.id);
  const token = (await createApiToken({ ctx, input: { name: "t" } })).token;
  return { ...team, project, token };
}

describe("updates with nothing to change", () => {
  it("PATCH /datasets/{name} with {} answers 200 with the dataset unchanged", async () => {
    const w = await workspace();
    const base = `/orgs/${w.org.slug}/projects/${w.project.key}/datasets`;
    const created = await rest("POST", base, { token: w.token, body: { name: "d", description: "about", licence: "CC0", containsPersonalData: false } });
    expect(created.status).toBe(200);
    const res = await rest("PATCH", `${base}/d`, { token: w.token, body: {} });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: "d", description: "about", licence: "CC0", containsPersonalData: false });
  });

  it("MLflow runs/update with only run_id answers run_info unchanged, as MLflow's server does", async () => {
    const w = await workspace();
    const mlflow = mlflowClient(database.db, w.org.slug, w.project.key, { token: w.token });
    const exp = (await mlflow("POST", "experiments/create", { name: "e" })).body.experiment_id as string;
    const info = (await mlflow("POST", "runs/create", { experiment_id: exp, run_name: "first" })).body.run.info;
    const res = await mlflow("POST", "runs/update", { run_id: info.run_id });
    expect(res.status).toBe(200);
    expect(res.body.run_info).toMatchObject({ run_id: info.run_id, run_name: "first", status: "RUNNING" });
    const uuidOnly = await mlflow("POST", "runs/update", { run_uuid: info.run_id });
    expect(uuidOnly.status).toBe(200);
  });
});
