import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { metrics, runParams, runTags } from "@/db/schema";
import { withTestDb } from "@/db/with-test-db";
import { parseRunId } from "@/server/services/mlflow/internal";
import { mlflowWorkspace } from "./setup";

const database = withTestDb();

async function newRun(mlflow: Awaited<ReturnType<typeof mlflowWorkspace>>["mlflow"], body: Record<string, unknown> = {}) {
  const exp = (await mlflow("POST", "experiments/create", { name: `e-${Math.random()}` })).body.experiment_id as string;
  const res = await mlflow("POST", "runs/create", { experiment_id: exp, ...body });
  expect(res.status).toBe(200);
  return { exp, runId: res.body.run.info.run_id as string, run: res.body.run };
}

describe("MLflow runs API", () => {
  it("creates a run with MLflow's run shape, then updates, deletes and restores it", async () => {
    const { mlflow } = await mlflowWorkspace(database);
    const { exp, runId, run } = await newRun(mlflow, {
      run_name: "baseline",
      user_id: "alice",
      start_time: 1700000000000,
      tags: [{ key: "runboard.card", value: "CHURN-42" }, { key: "mlflow.source.git.commit", value: "abc123" }],
    });
    expect(runId).toMatch(/^[0-9a-f]{32}$/);
    expect(run).toEqual({
      info: {
        run_id: runId,
        run_uuid: runId,
        run_name: "baseline",
        experiment_id: exp,
        user_id: "alice",
        status: "RUNNING",
        start_time: 1700000000000,
        artifact_uri: `mlflow-artifacts:/${exp}/${runId}/artifacts`,
        lifecycle_stage: "active",
      },
      data: {
        tags: [
          { key: "mlflow.runName", value: "baseline" },
          { key: "mlflow.source.git.commit", value: "abc123" },
          { key: "runboard.card", value: "CHURN-42" },
        ],
      },
      inputs: {},
    });
    const updated = await mlflow("POST", "runs/update", { run_id: runId, status: "FINISHED", end_time: 1700000005000, run_name: "renamed" });
    expect(updated.body).toEqual({ run_info: expect.objectContaining({ status: "FINISHED", end_time: 1700000005000, run_name: "renamed" }) });
    const got = (await mlflow("GET", "runs/get", { run_id: runId })).body.run;
    expect(got.data.tags).toContainEqual({ key: "mlflow.runName", value: "renamed" });

    expect((await mlflow("POST", "runs/delete", { run_id: runId })).body).toEqual({});
    expect((await mlflow("GET", "runs/get", { run_id: runId })).body.run.info.lifecycle_stage).toBe("deleted");
    expect(await mlflow("POST", "runs/log-parameter", { run_id: runId, key: "a", value: "1" })).toMatchObject({
      status: 400,
      body: { error_code: "INVALID_PARAMETER_VALUE", message: expect.stringContaining("active") },
    });
    expect((await mlflow("POST", "runs/restore", { run_id: runId })).body).toEqual({});
    expect((await mlflow("POST", "runs/log-parameter", { run_id: runId, key: "a", value: "1" })).status).toBe(200);
    expect((await mlflow("POST", "runs/update", { run_id: runId, status: "DONE" })).status).toBe(400);
  });

  it("uses experiment id 0 as the project's Default experiment, created on first use", async () => {
    const { mlflow } = await mlflowWorkspace(database);
    const res = await mlflow("POST", "runs/create", { experiment_id: "0" });
    expect(res.status).toBe(200);
    const exp = (await mlflow("GET", "experiments/get", { experiment_id: "0" })).body.experiment;
    expect(exp).toMatchObject({ name: "Default", experiment_id: res.body.run.info.experiment_id });
    expect(res.body.run.info.run_name).toMatch(/^[a-z]+-[a-z]+-\d+$/);
  });

  it("answers 404 for unknown run ids and refuses runs in a deleted experiment", async () => {
    const { mlflow } = await mlflowWorkspace(database);
    expect(await mlflow("GET", "runs/get", { run_id: "0".repeat(32) })).toMatchObject({ status: 404, body: { error_code: "RESOURCE_DOES_NOT_EXIST" } });
    expect((await mlflow("GET", "runs/get", { run_id: "not-a-run" })).status).toBe(404);
    const { exp } = await newRun(mlflow);
    await mlflow("POST", "experiments/delete", { experiment_id: exp });
    expect((await mlflow("POST", "runs/create", { experiment_id: exp })).status).toBe(400);
  });

  it("logs params write-once: the same value again is fine, another value is INVALID_PARAMETER_VALUE", async () => {
    const { mlflow } = await mlflowWorkspace(database);
    const { runId } = await newRun(mlflow);
    expect((await mlflow("POST", "runs/log-parameter", { run_id: runId, key: "lr", value: "0.01" })).body).toEqual({});
    expect((await mlflow("POST", "runs/log-parameter", { run_id: runId, key: "lr", value: "0.01" })).status).toBe(200);
    expect(await mlflow("POST", "runs/log-parameter", { run_id: runId, key: "lr", value: "0.02" })).toMatchObject({
      status: 400,
      body: { error_code: "INVALID_PARAMETER_VALUE", message: expect.stringContaining("Changing param values is not allowed") },
    });
    const batch = await mlflow("POST", "runs/log-batch", { run_id: runId, params: [{ key: "lr", value: "0.5" }], metrics: [{ key: "m", value: 1, timestamp: 1 }] });
    expect(batch.status).toBe(400);
    const uuid = parseRunId(runId)!;
    expect(await database.db.select().from(metrics).where(eq(metrics.runId, uuid))).toHaveLength(0);
    expect((await mlflow("GET", "runs/get", { run_id: runId })).body.run.data.params).toEqual([{ key: "lr", value: "0.01" }]);
  });

  it("logs metrics with NaN and ±Infinity, returning them as MLflow's JSON strings; the latest point per key is shown", async () => {
    const { mlflow } = await mlflowWorkspace(database);
    const { runId } = await newRun(mlflow);
    await mlflow("POST", "runs/log-metric", { run_id: runId, key: "loss", value: 0.5, timestamp: 1000, step: 0 });
    await mlflow("POST", "runs/log-metric", { run_id: runId, key: "loss", value: "NaN", timestamp: 1001, step: 1 });
    await mlflow("POST", "runs/log-metric", { run_id: runId, key: "inf", value: "Infinity", timestamp: "1002" });
    await mlflow("POST", "runs/log-metric", { run_id: runId, key: "ninf", value: "-Infinity", timestamp: 1003, step: "3" });
    await mlflow("POST", "runs/log-metric", { run_id: runId, key: "loss", value: 0.1, timestamp: 5, step: 0 });
    const data = (await mlflow("GET", "runs/get", { run_id: runId })).body.run.data;
    expect(data.metrics).toEqual([
      { key: "inf", value: "Infinity", timestamp: 1002, step: 0 },
      { key: "loss", value: "NaN", timestamp: 1001, step: 1 },
      { key: "ninf", value: "-Infinity", timestamp: 1003, step: 3 },
    ]);
    const history = (await mlflow("GET", "metrics/get-history", { run_id: runId, metric_key: "loss" })).body;
    expect(history).toEqual({
      metrics: [
        { key: "loss", value: 0.1, timestamp: 5, step: 0 },
        { key: "loss", value: 0.5, timestamp: 1000, step: 0 },
        { key: "loss", value: "NaN", timestamp: 1001, step: 1 },
      ],
    });
    for (const bad of [
      { key: "x", value: 1, timestamp: 1, step: "NaN" },
      { key: "x", value: "abc", timestamp: 1 },
      { key: "x", value: 1 },
      { key: "x", value: 1, timestamp: 1.5 },
      { key: "../x", value: 1, timestamp: 1 },
    ]) {
      expect(await mlflow("POST", "runs/log-metric", { run_id: runId, ...bad })).toMatchObject({ status: 400, body: { error_code: "INVALID_PARAMETER_VALUE" } });
    }
  });

  it("pages metric history with max_results and page_token, and returns all without max_results", async () => {
    const { mlflow } = await mlflowWorkspace(database);
    const { runId } = await newRun(mlflow);
    const points = Array.from({ length: 25 }, (_, i) => ({ key: "acc", value: i / 100, timestamp: 1000 + i, step: i }));
    expect((await mlflow("POST", "runs/log-batch", { run_id: runId, metrics: points })).status).toBe(200);
    const seen: number[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const res = await mlflow("GET", "metrics/get-history", { run_id: runId, metric_key: "acc", max_results: 10, ...(token ? { page_token: token } : {}) });
      expect(res.status).toBe(200);
      seen.push(...res.body.metrics.map((m: { step: number }) => m.step));
      token = res.body.next_page_token;
      pages++;
    } while (token);
    expect(pages).toBe(3);
    expect(seen).toEqual(points.map((p) => p.step));
    expect((await mlflow("GET", "metrics/get-history", { run_id: runId, metric_key: "acc" })).body.metrics).toHaveLength(25);
    expect((await mlflow("GET", "metrics/get-history", { run_id: runId, metric_key: "none" })).body).toEqual({ metrics: [] });
    expect((await mlflow("GET", "metrics/get-history", { run_id: runId, metric_key: "acc", page_token: "zzz" })).status).toBe(400);
  });

  it("enforces log-batch limits and stores nothing when any entry is invalid", async () => {
    const { mlflow } = await mlflowWorkspace(database);
    const { runId } = await newRun(mlflow);
    const uuid = parseRunId(runId)!;
    const m = (n: number) => Array.from({ length: n }, (_, i) => ({ key: `m${i % 7}`, value: i, timestamp: i, step: i }));
    const kv = (n: number, p = "k") => Array.from({ length: n }, (_, i) => ({ key: `${p}${i}`, value: "v" }));
    expect((await mlflow("POST", "runs/log-batch", { run_id: runId, metrics: m(1000) })).status).toBe(200);
    for (const body of [
      { metrics: m(1001) },
      { params: kv(101) },
      { tags: kv(101) },
      { metrics: m(950), params: kv(30), tags: kv(30) },
      { metrics: m(10), params: [{ key: "p", value: "x".repeat(6001) }] },
      { metrics: m(10), tags: [{ key: "k".repeat(251), value: "v" }] },
      { metrics: [...m(10), { key: "bad", value: 1, timestamp: 1, step: "NaN" }] },
      { params: [{ key: "dup", value: "1" }, { key: "dup", value: "2" }], metrics: m(3) },
    ]) {
      expect(await mlflow("POST", "runs/log-batch", { run_id: runId, ...body })).toMatchObject({
        status: 400,
        body: { error_code: "INVALID_PARAMETER_VALUE" },
      });
    }
    expect(await database.db.select().from(metrics).where(eq(metrics.runId, uuid))).toHaveLength(1000);
    expect(await database.db.select().from(runParams).where(eq(runParams.runId, uuid))).toHaveLength(0);
    expect((await database.db.select().from(runTags).where(eq(runTags.runId, uuid))).map((t) => t.key)).toEqual(["mlflow.runName"]);

    const big = JSON.stringify({ run_id: runId, tags: [{ key: "t", value: "x".repeat(1024 * 1024) }] });
    expect(await mlflow("POST", "runs/log-batch", big)).toMatchObject({ status: 413, body: { error_code: "INVALID_PARAMETER_VALUE" } });
    expect(await mlflow("POST", "runs/log-batch", "{not json")).toMatchObject({ status: 400, body: { error_code: "BAD_REQUEST" } });
  });

  it("sets, overwrites and deletes tags; setting mlflow.runName renames the run", async () => {
    const { mlflow } = await mlflowWorkspace(database);
    const { runId } = await newRun(mlflow);
    await mlflow("POST", "runs/set-tag", { run_id: runId, key: "stage", value: "dev" });
    await mlflow("POST", "runs/set-tag", { run_id: runId, key: "stage", value: "prod" });
    await mlflow("POST", "runs/set-tag", { run_id: runId, key: "mlflow.runName", value: "nice" });
    let run = (await mlflow("GET", "runs/get", { run_id: runId })).body.run;
    expect(run.info.run_name).toBe("nice");
    expect(run.data.tags).toContainEqual({ key: "stage", value: "prod" });
    expect((await mlflow("POST", "runs/delete-tag", { run_id: runId, key: "stage" })).body).toEqual({});
    run = (await mlflow("GET", "runs/get", { run_id: runId })).body.run;
    expect(run.data.tags).not.toContainEqual(expect.objectContaining({ key: "stage" }));
    expect((await mlflow("POST", "runs/delete-tag", { run_id: runId, key: "stage" })).status).toBe(404);
  });

  it("logs dataset inputs and returns them under inputs.dataset_inputs; a repeat is ignored", async () => {
    const { mlflow } = await mlflowWorkspace(database);
    const { runId } = await newRun(mlflow);
    const datasets = [
      {
        tags: [{ key: "mlflow.data.context", value: "train" }],
        dataset: { name: "churn.csv", digest: "d1g3st", source_type: "local", source: '{"uri": "/data/churn.csv"}', schema: "{}", profile: '{"num_rows": 10}' },
      },
    ];
    expect((await mlflow("POST", "runs/log-inputs", { run_id: runId, datasets })).body).toEqual({});
    expect((await mlflow("POST", "runs/log-inputs", { run_id: runId, datasets })).status).toBe(200);
    const run = (await mlflow("GET", "runs/get", { run_id: runId })).body.run;
    expect(run.inputs).toEqual({ dataset_inputs: datasets });
  });
});
