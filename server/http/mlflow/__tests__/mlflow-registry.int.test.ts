import { describe, expect, it } from "vitest";
import { withTestDb } from "@/db/with-test-db";
import { callerFor } from "@/server/trpc/testing";
import { mlflowClient, tempArtifactStore } from "../testing";
import { logisticRegressionOnnx } from "./onnx-model";
import { mlflowRunWorkspace, tokenFor } from "./setup";

const database = withTestDb();

const store = tempArtifactStore();

async function workspace() {
  const ws = await mlflowRunWorkspace(database, store, { tags: [{ key: "mlflow.source.git.commit", value: "c0ffee" }] });
  await ws.mlflow("POST", "runs/log-metric", { run_id: ws.runId, key: "auc", value: 0.91, timestamp: 1 });
  const viewerToken = await tokenFor(database, ws.org.id, ws.members.viewer.id);
  const viewer = mlflowClient(database.db, ws.org.slug, ws.project.key, { token: viewerToken }, store);
  return { ...ws, viewer };
}

describe("MLflow model registry", () => {
  it("creates, gets, updates, renames, tags, searches and deletes registered models", async () => {
    const { mlflow } = await workspace();
    const created = await mlflow("POST", "registered-models/create", { name: "churn", description: "d", tags: [{ key: "team", value: "ds" }] });
    expect(created.status).toBe(200);
    expect(created.body.registered_model).toEqual({
      name: "churn",
      creation_timestamp: expect.any(Number),
      last_updated_timestamp: expect.any(Number),
      description: "d",
      tags: [{ key: "team", value: "ds" }],
    });
    expect(await mlflow("POST", "registered-models/create", { name: "churn" })).toMatchObject({ status: 400, body: { error_code: "RESOURCE_ALREADY_EXISTS" } });
    expect(await mlflow("POST", "registered-models/create", { name: "" })).toMatchObject({ status: 400, body: { error_code: "INVALID_PARAMETER_VALUE" } });

    expect((await mlflow("PATCH", "registered-models/update", { name: "churn", description: "new" })).body.registered_model.description).toBe("new");
    expect((await mlflow("POST", "registered-models/set-tag", { name: "churn", key: "k", value: "v" })).body).toEqual({});
    expect((await mlflow("DELETE", "registered-models/delete-tag", { name: "churn", key: "team" })).body).toEqual({});
    expect((await mlflow("GET", "registered-models/get", { name: "churn" })).body.registered_model.tags).toEqual([{ key: "k", value: "v" }]);
    expect((await mlflow("DELETE", "registered-models/delete-tag", { name: "churn", key: "team" })).status).toBe(404);

    await mlflow("POST", "registered-models/create", { name: "fraud" });
    const renamed = await mlflow("POST", "registered-models/rename", { name: "churn", new_name: "churn-v2" });
    expect(renamed.body.registered_model.name).toBe("churn-v2");
    expect((await mlflow("POST", "registered-models/rename", { name: "churn-v2", new_name: "fraud" })).body.error_code).toBe("RESOURCE_ALREADY_EXISTS");
    expect(await mlflow("GET", "registered-models/get", { name: "churn" })).toMatchObject({ status: 404, body: { error_code: "RESOURCE_DOES_NOT_EXIST" } });

    const all = await mlflow("GET", "registered-models/search", { max_results: 1, order_by: "name DESC" });
    expect(all.body.registered_models.map((m: { name: string }) => m.name)).toEqual(["fraud"]);
    const next = await mlflow("GET", "registered-models/search", { max_results: 1, order_by: "name DESC", page_token: all.body.next_page_token });
    expect(next.body.registered_models.map((m: { name: string }) => m.name)).toEqual(["churn-v2"]);
    expect(next.body.next_page_token).toBeUndefined();
    expect((await mlflow("GET", "registered-models/search", { filter: "name LIKE 'chu%'" })).body.registered_models).toHaveLength(1);
    expect((await mlflow("GET", "registered-models/search", { filter: "tags.k = 'v'" })).body.registered_models[0].name).toBe("churn-v2");
    expect((await mlflow("GET", "registered-models/search", { filter: "metrics.x > 1" })).status).toBe(400);

    expect((await mlflow("DELETE", "registered-models/delete", { name: "fraud" })).body).toEqual({});
    expect((await mlflow("GET", "registered-models/get", { name: "fraud" })).status).toBe(404);
  });

  it("registers versions from run artifacts, reads ONNX inputs and outputs, and moves aliases and stages with history", async () => {
    const { mlflow, art, root, runId, exp, org, project, members } = await workspace();
    expect((await art("PUT", `${root}/model/model.onnx`, logisticRegressionOnnx())).status).toBe(200);
    await mlflow("POST", "registered-models/create", { name: "churn" });

    const v1 = await mlflow("POST", "model-versions/create", { name: "churn", source: `runs:/${runId}/model`, run_id: runId, description: "first" });
    expect(v1.status).toBe(200);
    expect(v1.body.model_version).toMatchObject({
      name: "churn",
      version: "1",
      current_stage: "None",
      status: "READY",
      source: `runs:/${runId}/model`,
      run_id: runId,
      description: "first",
      creation_timestamp: expect.any(Number),
      last_updated_timestamp: expect.any(Number),
    });
    const ioTag = v1.body.model_version.tags.find((t: { key: string }) => t.key === "runboard.onnx.io");
    expect(JSON.parse(ioTag.value)).toEqual({
      inputs: [{ name: "features", isTensor: true, type: "float32", shape: ["batch", 3] }],
      outputs: [{ name: "probability", isTensor: true, type: "float32", shape: ["batch", 1] }],
    });
    const v2 = await mlflow("POST", "model-versions/create", { name: "churn", source: `mlflow-artifacts:/${root}/model/model.onnx` });
    expect(v2.body.model_version).toMatchObject({ version: "2", run_id: runId });
    expect(v2.body.model_version.tags.map((t: { key: string }) => t.key)).toContain("runboard.onnx.io");

    expect((await mlflow("GET", "model-versions/get", { name: "churn", version: "1" })).body.model_version.description).toBe("first");
    expect((await mlflow("PATCH", "model-versions/update", { name: "churn", version: "1", description: "edited" })).body.model_version.description).toBe("edited");
    expect((await mlflow("GET", "model-versions/get-download-uri", { name: "churn", version: "1" })).body).toEqual({ artifact_uri: `mlflow-artifacts:/${root}/model` });
    expect((await mlflow("POST", "model-versions/set-tag", { name: "churn", version: "1", key: "validated", value: "yes" })).body).toEqual({});
    expect((await mlflow("DELETE", "model-versions/delete-tag", { name: "churn", version: "1", key: "validated" })).body).toEqual({});
    expect((await mlflow("GET", "model-versions/get", { name: "churn", version: "9" })).status).toBe(404);

    // aliases: set, move (recorded from → to), get, delete
    expect((await mlflow("POST", "registered-models/alias", { name: "churn", alias: "champion", version: "1" })).body).toEqual({});
    expect((await mlflow("POST", "registered-models/alias", { name: "churn", alias: "champion", version: "2" })).body).toEqual({});
    expect((await mlflow("GET", "registered-models/alias", { name: "churn", alias: "champion" })).body.model_version).toMatchObject({ version: "2", aliases: ["champion"] });
    expect((await mlflow("POST", "registered-models/alias", { name: "churn", alias: "latest", version: "1" })).status).toBe(400);
    expect((await mlflow("POST", "registered-models/alias", { name: "churn", alias: "x", version: "7" })).status).toBe(404);
    expect((await mlflow("GET", "registered-models/get", { name: "churn" })).body.registered_model.aliases).toEqual([{ alias: "champion", version: "2" }]);

    // stages: archive_existing_versions moves the current Production version to Archived
    const p1 = await mlflow("POST", "model-versions/transition-stage", { name: "churn", version: "1", stage: "production", archive_existing_versions: false });
    expect(p1.body.model_version.current_stage).toBe("Production");
    await mlflow("POST", "model-versions/transition-stage", { name: "churn", version: "2", stage: "Production", archive_existing_versions: true });
    expect((await mlflow("GET", "model-versions/get", { name: "churn", version: "1" })).body.model_version.current_stage).toBe("Archived");
    expect((await mlflow("POST", "model-versions/transition-stage", { name: "churn", version: "2", stage: "Live", archive_existing_versions: false })).status).toBe(400);

    const latest = await mlflow("POST", "registered-models/get-latest-versions", { name: "churn", stages: ["Production"] });
    expect(latest.body.model_versions.map((v: { version: string }) => v.version)).toEqual(["2"]);
    const latestAll = await mlflow("GET", "registered-models/get-latest-versions", { name: "churn" });
    expect(latestAll.body.model_versions.map((v: { current_stage: string }) => v.current_stage)).toEqual(["Production", "Archived"]);
    expect((await mlflow("GET", "registered-models/get", { name: "churn" })).body.registered_model.latest_versions).toHaveLength(2);

    const found = await mlflow("GET", "model-versions/search", { filter: `run_id = '${runId}'` });
    expect(found.body.model_versions.map((v: { version: string }) => v.version)).toEqual(["2", "1"]);
    expect((await mlflow("GET", "model-versions/search", { filter: "name = 'churn' AND version_number = 1" })).body.model_versions).toHaveLength(1);

    expect((await mlflow("DELETE", "registered-models/alias", { name: "churn", alias: "champion" })).body).toEqual({});
    expect((await mlflow("GET", "registered-models/alias", { name: "churn", alias: "champion" })).status).toBe(404);

    // the UI's tRPC view: versions with run, experiment, metrics, git commit, ONNX io; history of alias moves and stages
    const ui = callerFor(database.db, members.data_scientist);
    const model = await ui.models.get({ org: org.slug, key: project.key, name: "churn" });
    expect(model.versions.map((v) => v.version)).toEqual([2, 1]);
    expect(model.versions[1]!.run).toMatchObject({ runId, experimentId: exp, gitCommit: "c0ffee", metrics: [expect.objectContaining({ key: "auc", value: 0.91 })] });
    expect(model.versions[1]!.onnxIo?.inputs[0]).toEqual({ name: "features", isTensor: true, type: "float32", shape: ["batch", 3] });
    const aliasEvents = model.history.filter((e) => e.alias === "champion").reverse();
    expect(aliasEvents.map((e) => [e.kind, e.fromVersion, e.toVersion])).toEqual([
      ["alias_set", null, 1],
      ["alias_set", 1, 2],
      ["alias_deleted", 2, null],
    ]);
    expect(aliasEvents[1]!.actor).toBe(members.data_scientist.name);
    const stages = model.history.filter((e) => e.kind === "stage_changed").reverse();
    expect(stages.map((e) => [e.version, e.fromStage, e.toStage])).toEqual([
      [1, "None", "Production"],
      [1, "Production", "Archived"],
      [2, "None", "Production"],
    ]);
    const list = await ui.models.list({ org: org.slug, key: project.key });
    expect(list[0]).toMatchObject({ name: "churn", versionCount: 2 });
    expect(list[0]!.latestVersions[0]!.run?.metrics[0]?.key).toBe("auc");

    expect((await mlflow("DELETE", "model-versions/delete", { name: "churn", version: "1" })).body).toEqual({});
    expect((await mlflow("GET", "model-versions/get", { name: "churn", version: "1" })).status).toBe(404);
    expect((await mlflow("POST", "model-versions/create", { name: "churn", source: `runs:/${runId}/model` })).body.model_version.version).toBe("3");
  });

  it("refuses sources that are not an artifact location of this project", async () => {
    const a = await workspace();
    const b = await workspace();
    await a.mlflow("POST", "registered-models/create", { name: "m" });
    const bad = [
      "file:///etc",
      "/etc/passwd",
      "http://127.0.0.1/",
      "s3://bucket/model",
      `runs:/${b.runId}/model`,
      `mlflow-artifacts:/${b.root}/model`,
      `runs:/${a.runId}/../../etc`,
      `runs:/${a.runId}/..%2f..%2fetc`,
      `mlflow-artifacts:/${a.root}/../../x`,
      `mlflow-artifacts://evil.example/${a.root}`,
      "models:/m-00000000000000000000000000000000",
      `runs:/${"0".repeat(32)}/model`,
    ];
    for (const source of bad) {
      const res = await a.mlflow("POST", "model-versions/create", { name: "m", source });
      expect({ source, status: res.status, code: res.body.error_code }).toEqual({ source, status: 400, code: "INVALID_PARAMETER_VALUE" });
    }
    expect((await a.mlflow("POST", "model-versions/create", { name: "m", source: `runs:/${a.runId}/model`, run_id: b.runId })).status).toBe(400);
    expect((await a.mlflow("POST", "model-versions/create", { name: "nope", source: `runs:/${a.runId}/model` })).status).toBe(404);
  });

  it("keeps organizations and projects apart and refuses viewer writes", async () => {
    const a = await workspace();
    const b = await workspace();
    await b.mlflow("POST", "registered-models/create", { name: "secret" });
    await b.mlflow("POST", "model-versions/create", { name: "secret", source: `runs:/${b.runId}/m` });
    expect((await a.mlflow("GET", "registered-models/get", { name: "secret" })).status).toBe(404);
    expect((await a.mlflow("GET", "model-versions/get", { name: "secret", version: "1" })).status).toBe(404);
    expect((await a.mlflow("GET", "registered-models/search", {})).body.registered_models).toBeUndefined();
    expect((await a.mlflow("GET", "model-versions/search", { filter: "name = 'secret'" })).body.model_versions).toBeUndefined();
    expect((await a.mlflow("DELETE", "registered-models/delete", { name: "secret" })).status).toBe(404);
    // a's token pointed at b's org URL
    const cross = mlflowClient(database.db, b.org.slug, b.project.key, { token: a.token }, store);
    expect((await cross("GET", "registered-models/get", { name: "secret" })).status).toBe(404);
    expect((await cross("POST", "registered-models/create", { name: "x" })).status).toBe(404);

    expect(await b.viewer("POST", "registered-models/create", { name: "v" })).toMatchObject({ status: 403, body: { error_code: "PERMISSION_DENIED" } });
    expect((await b.viewer("POST", "registered-models/alias", { name: "secret", alias: "a", version: "1" })).status).toBe(403);
    expect((await b.viewer("POST", "model-versions/transition-stage", { name: "secret", version: "1", stage: "Production", archive_existing_versions: true })).status).toBe(403);
    expect((await b.viewer("GET", "registered-models/get", { name: "secret" })).status).toBe(200);
  });
});
