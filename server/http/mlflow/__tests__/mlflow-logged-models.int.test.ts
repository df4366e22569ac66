import { describe, expect, it } from "vitest";
import { withTestDb } from "@/db/with-test-db";
import { mlflowClient, tempArtifactStore } from "../testing";
import { logisticRegressionOnnx } from "./onnx-model";
import { mlflowRunWorkspace, tokenFor } from "./setup";

const database = withTestDb();

const store = tempArtifactStore();

const workspace = () => mlflowRunWorkspace(database, store);

describe("MLflow 3 logged models", () => {
  it("creates, gets, tags, finalizes, searches logged models and registers one as a version", async () => {
    const { mlflow, art, exp, runId } = await workspace();
    const created = await mlflow("POST", "logged-models", {
      experiment_id: exp,
      name: "clf",
      model_type: "onnx",
      source_run_id: runId,
      params: [{ key: "C", value: "1.0" }],
      tags: [{ key: "owner", value: "ds" }],
    });
    expect(created.status).toBe(200);
    const id = created.body.model.info.model_id as string;
    expect(id).toMatch(/^m-[0-9a-f]{32}$/);
    expect(created.body.model).toEqual({
      info: {
        model_id: id,
        experiment_id: exp,
        name: "clf",
        creation_timestamp_ms: expect.any(Number),
        last_updated_timestamp_ms: expect.any(Number),
        artifact_uri: `mlflow-artifacts:/${exp}/models/${id}/artifacts`,
        status: "LOGGED_MODEL_PENDING",
        model_type: "onnx",
        source_run_id: runId,
        tags: [{ key: "owner", value: "ds" }],
      },
      data: { params: [{ key: "C", value: "1.0" }] },
    });
    expect((await art("PUT", `${exp}/models/${id}/artifacts/model.onnx`, logisticRegressionOnnx())).status).toBe(200);

    const tagged = await mlflow("PATCH", `logged-models/${id}/tags`, { tags: [{ key: "stage", value: "eval" }] });
    expect(tagged.body.model.info.tags).toEqual([{ key: "owner", value: "ds" }, { key: "stage", value: "eval" }]);
    expect((await mlflow("DELETE", `logged-models/${id}/tags/owner`)).body).toEqual({});
    expect((await mlflow("DELETE", `logged-models/${id}/tags/owner`)).status).toBe(404);
    expect((await mlflow("PATCH", `logged-models/${id}`, { status: "LOGGED_MODEL_READY" })).body.model.info.status).toBe("LOGGED_MODEL_READY");
    expect((await mlflow("PATCH", `logged-models/${id}`, { status: "DONE" })).status).toBe(400);
    expect((await mlflow("GET", `logged-models/${id}`)).body.model.info.tags).toEqual([{ key: "stage", value: "eval" }]);

    await mlflow("POST", "logged-models", { experiment_id: exp, name: "other" });
    const byName = await mlflow("POST", "logged-models/search", { experiment_ids: [exp], filter: "name = 'clf'" });
    expect(byName.body.models.map((m: { info: { model_id: string } }) => m.info.model_id)).toEqual([id]);
    const byRun = await mlflow("POST", "logged-models/search", { experiment_ids: [exp], filter: `source_run_id = '${runId}' AND tags.stage = 'eval'` });
    expect(byRun.body.models).toHaveLength(1);
    const paged = await mlflow("POST", "logged-models/search", { experiment_ids: [exp], max_results: 1, order_by: [{ field_name: "name", ascending: true }] });
    expect(paged.body.models[0].info.name).toBe("clf");
    expect(paged.body.next_page_token).toEqual(expect.any(String));

    await mlflow("POST", "registered-models/create", { name: "clf" });
    for (const source of [`models:/${id}`, `mlflow-artifacts:/${exp}/models/${id}/artifacts`]) {
      const v = await mlflow("POST", "model-versions/create", { name: "clf", source });
      expect(v.status).toBe(200);
      expect(v.body.model_version.run_id).toBe(runId);
      expect(v.body.model_version.tags.map((t: { key: string }) => t.key)).toContain("runboard.onnx.io");
    }
  });

  it("hides other projects' logged models and refuses viewer writes", async () => {
    const a = await workspace();
    const b = await workspace();
    const id = (await b.mlflow("POST", "logged-models", { experiment_id: b.exp })).body.model.info.model_id as string;
    expect((await a.mlflow("GET", `logged-models/${id}`)).status).toBe(404);
    expect((await a.mlflow("PATCH", `logged-models/${id}`, { status: "LOGGED_MODEL_READY" })).status).toBe(404);
    expect((await a.art("PUT", `${b.exp}/models/${id}/artifacts/x`, "x")).status).toBe(404);
    expect((await a.mlflow("POST", "logged-models", { experiment_id: b.exp })).status).toBe(404);
    expect((await a.mlflow("POST", "logged-models/search", { experiment_ids: [a.exp] })).body.models).toEqual([]);
    const viewerToken = await tokenFor(database, b.org.id, b.members.viewer.id);
    const viewer = mlflowClient(database.db, b.org.slug, b.project.key, { token: viewerToken }, store);
    expect(await viewer("POST", "logged-models", { experiment_id: b.exp })).toMatchObject({ status: 403, body: { error_code: "PERMISSION_DENIED" } });
    expect((await viewer("GET", `logged-models/${id}`)).status).toBe(200);
  });

  it("runs/outputs records the logged models a run produced; runs/get lists them; other projects' models are refused", async () => {
    const { mlflow, exp, runId } = await workspace();
    const id = (await mlflow("POST", "logged-models", { experiment_id: exp, name: "out" })).body.model.info.model_id as string;
    expect((await mlflow("POST", "runs/outputs", { run_id: runId, models: [{ model_id: id, step: 3 }] })).body).toEqual({});
    // Idempotent: a retried request stores nothing twice.
    expect((await mlflow("POST", "runs/outputs", { run_id: runId, models: [{ model_id: id, step: "3" }] })).status).toBe(200);
    const got = await mlflow("GET", "runs/get", { run_id: runId });
    expect(got.body.run.outputs).toEqual({ model_outputs: [{ model_id: id, step: 3 }] });

    const other = await workspace();
    const foreign = (await other.mlflow("POST", "logged-models", { experiment_id: other.exp, name: "theirs" })).body.model.info.model_id as string;
    const refused = await mlflow("POST", "runs/outputs", { run_id: runId, models: [{ model_id: foreign, step: 0 }] });
    expect(refused.status).toBe(404);
    expect(refused.body.error_code).toBe("RESOURCE_DOES_NOT_EXIST");
    expect((await mlflow("GET", "runs/get", { run_id: runId })).body.run.outputs.model_outputs).toHaveLength(1);
  });
});
