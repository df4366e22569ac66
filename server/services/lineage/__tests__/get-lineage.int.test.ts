import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { orgCtx } from "@/db/testing";
import { withTestDb } from "@/db/with-test-db";
import { logisticRegressionOnnx } from "@/server/http/mlflow/__tests__/onnx-model";
import { mlflowWorkspace, tokenFor } from "@/server/http/mlflow/__tests__/setup";
import { artifactsClient, mlflowClient, tempArtifactStore } from "@/server/http/mlflow/testing";
import { uploadVersion } from "@/server/services/datasets/upload-version";
import { callerFor } from "@/server/trpc/testing";
import { createJob } from "@/server/services/jobs/create-job";

const database = withTestDb();

const store = tempArtifactStore();
const CSV = "id,churned\n1,0\n2,1\n";
const sha = createHash("sha256").update(CSV).digest("hex");

/** A dataset version uploaded, a run that logs it as input (same digest), and a model version made from that run. */
async function pipeline() {
  const ws = await mlflowWorkspace(database);
  const ds = callerFor(database.db, ws.members.data_scientist);
  await ds.datasets.create({ org: ws.org.slug, key: ws.project.key, name: "customers", licence: "CC BY 4.0", containsPersonalData: false });
  const ctx = await orgCtx(database.db, ws.org.id, ws.members.data_scientist.id);
  await uploadVersion({ ctx, input: { key: ws.project.key, name: "customers", format: "csv", filename: "c.csv" }, body: (async function* () {
    yield Buffer.from(CSV);
  })(), store });

  const token = await tokenFor(database, ws.org.id, ws.members.data_scientist.id);
  const mlflow = mlflowClient(database.db, ws.org.slug, ws.project.key, { token }, store);
  const art = artifactsClient(database.db, ws.org.slug, ws.project.key, { token }, store);
  const exp = (await mlflow("POST", "experiments/create", { name: "churn" })).body.experiment_id;
  const run = (await mlflow("POST", "runs/create", { experiment_id: exp, run_name: "train" })).body.run.info;
  const other = (await mlflow("POST", "runs/create", { experiment_id: exp, run_name: "unrelated" })).body.run.info;
  await mlflow("POST", "runs/log-inputs", {
    run_id: run.run_id,
    datasets: [
      { dataset: { name: "customers.csv", digest: sha, source_type: "http", source: "{}" } },
      { dataset: { name: "external", digest: "abc123", source_type: "local", source: "{}" } },
    ],
  });
  expect((await art("PUT", `${run.artifact_uri.replace("mlflow-artifacts:/", "")}/model/model.onnx`, logisticRegressionOnnx())).status).toBe(200);
  await mlflow("POST", "registered-models/create", { name: "churn" });
  await mlflow("POST", "model-versions/create", { name: "churn", source: `runs:/${run.run_id}/model`, run_id: run.run_id });
  await mlflow("POST", "registered-models/alias", { name: "churn", alias: "champion", version: "1" });
  return { ws, runId: run.run_id as string, otherRunId: other.run_id as string, viewer: callerFor(database.db, ws.members.viewer) };
}

describe("lineage", () => {
  it("walks dataset version → run → model version from either end, each node with its URL", async () => {
    const { ws, runId, viewer } = await pipeline();
    const base = `/${ws.org.slug}/${ws.project.key}/pipeline`;

    const fromModel = await viewer.models.lineage({ org: ws.org.slug, key: ws.project.key, kind: "model_version", name: "churn", version: 1 });
    const byKind = (g: typeof fromModel, k: string) => g.nodes.filter((n) => n.kind === k);
    expect(byKind(fromModel, "dataset_version")).toMatchObject([{ label: "customers v1", url: `${base}/datasets/customers/versions/1`, ready: false }]);
    expect(byKind(fromModel, "input")).toMatchObject([{ label: "external", url: null }]);
    expect(byKind(fromModel, "run")).toMatchObject([{ label: "train", detail: "churn", url: `${base}/runs/${runId}` }]);
    expect(byKind(fromModel, "model_version")).toMatchObject([{ label: "churn v1", focus: true, aliases: ["champion"], url: `${base}/models/churn#version-1` }]);
    const id = (k: string) => fromModel.nodes.find((n) => n.kind === k)!.id;
    expect(fromModel.edges).toEqual(
      expect.arrayContaining([
        { source: id("dataset_version"), target: id("run") },
        { source: id("input"), target: id("run") },
        { source: id("run"), target: id("model_version") },
      ]),
    );
    expect(fromModel.edges).toHaveLength(3);

    const fromData = await viewer.models.lineage({ org: ws.org.slug, key: ws.project.key, kind: "dataset_version", name: "customers", version: 1 });
    expect(byKind(fromData, "dataset_version")).toMatchObject([{ label: "customers v1", focus: true }]);
    expect(byKind(fromData, "run").map((n) => n.label)).toEqual(["train"]);
    expect(byKind(fromData, "model_version").map((n) => n.label)).toEqual(["churn v1"]);
  });

  it("answers 404 for another project's or organization's versions", async () => {
    const a = await pipeline();
    const b = await pipeline();
    const outsider = callerFor(database.db, b.ws.members.admin);
    for (const kind of ["model_version", "dataset_version"] as const) {
      const name = kind === "model_version" ? "churn" : "customers";
      await expect(outsider.models.lineage({ org: a.ws.org.slug, key: a.ws.project.key, kind, name, version: 1 })).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(outsider.models.lineage({ org: b.ws.org.slug, key: a.ws.project.key, kind, name, version: 1 })).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(a.viewer.models.lineage({ org: a.ws.org.slug, key: a.ws.project.key, kind, name, version: 2 })).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
  });

  it("links cards to dataset and model versions of the card's project only, and shows their state on the board", async () => {
    const { ws } = await pipeline();
    const admin = callerFor(database.db, ws.members.admin);
    const card = await admin.cards.create({ org: ws.org.slug, key: ws.project.key, title: "Ship churn" });
    const [mv] = await admin.models.linkTargets({ org: ws.org.slug, key: ws.project.key, kind: "model_version", q: "chu" });
    const [dv] = await admin.models.linkTargets({ org: ws.org.slug, key: ws.project.key, kind: "dataset_version", q: "cust" });
    expect(mv).toMatchObject({ name: "churn", version: 1, aliases: ["champion"] });
    expect(dv).toMatchObject({ name: "customers", version: 1, detail: "not ready" });
    await admin.runs.links.create({ org: ws.org.slug, cardKey: card.key, kind: "model_version", target: mv!.id });
    await admin.runs.links.create({ org: ws.org.slug, cardKey: card.key, kind: "dataset_version", target: dv!.id });
    const links = await admin.runs.links.list({ org: ws.org.slug, cardKey: card.key });
    expect(links.map((l) => [l.kind, l.modelVersion?.name ?? l.datasetVersion?.name])).toEqual([
      ["model_version", "churn"],
      ["dataset_version", "customers"],
    ]);

    await admin.datasets.markReady({ org: ws.org.slug, key: ws.project.key, name: "customers", version: 1 });
    const state = (await admin.runs.linkState({ org: ws.org.slug, key: ws.project.key })).find((s) => s.cardKey === card.key)!;
    expect(state.modelVersions).toMatchObject([{ name: "churn", version: 1, aliases: ["champion"] }]);
    expect(state.datasetVersions).toMatchObject([{ name: "customers", version: 1, ready: true }]);

    const other = await pipeline();
    const [foreign] = await other.viewer.models.linkTargets({ org: other.ws.org.slug, key: other.ws.project.key, kind: "model_version" });
    await expect(admin.runs.links.create({ org: ws.org.slug, cardKey: card.key, kind: "model_version", target: foreign!.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(admin.runs.links.create({ org: ws.org.slug, cardKey: card.key, kind: "dataset_version", target: "not-a-uuid" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("finds the runs of built-in jobs that trained on a dataset version", async () => {
    const { ws } = await pipeline();
    const dev = await orgCtx(database.db, ws.org.id, ws.members.data_scientist.id);
    const job = await createJob({
      ctx: dev,
      input: {
        key: ws.project.key,
        spec: { kind: "train", dataset: { name: "customers", version: 1 }, target: "churned", model: "logistic_regression", registerAs: "from-job" },
      },
    });
    const viewer = callerFor(database.db, ws.members.viewer);
    const fromDataset = await viewer.models.lineage({ org: ws.org.slug, key: ws.project.key, kind: "dataset_version", name: "customers", version: 1 });
    expect(fromDataset.nodes.filter((n) => n.kind === "run").map((n) => n.url)).toContain(`/${ws.org.slug}/${ws.project.key}/pipeline/runs/${job.runId}`);
  });
});
