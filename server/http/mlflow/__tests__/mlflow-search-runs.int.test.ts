import { beforeAll, describe, expect, it } from "vitest";
import { withTestDb } from "@/db/with-test-db";
import { mlflowWorkspace } from "./setup";

const database = withTestDb();
let w: Awaited<ReturnType<typeof mlflowWorkspace>>;
let exp: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  w = await mlflowWorkspace(database);
  exp = (await w.mlflow("POST", "experiments/create", { name: "search" })).body.experiment_id;
  const specs = [
    { name: "r1", acc: 0.9, lr: "0.1", model: "xgb", status: "FINISHED", start: 1000 },
    { name: "r2", acc: 0.7, lr: "0.01", model: "xgb-large", status: "FAILED", start: 2000 },
    { name: "r3", acc: "NaN", lr: "0.1", model: "lgbm", status: "FINISHED", start: 3000 },
    { name: "r4", acc: undefined, lr: "0.001", model: "XGB", status: "RUNNING", start: 4000 },
  ];
  for (const s of specs) {
    const run = await w.mlflow("POST", "runs/create", { experiment_id: exp, run_name: s.name, start_time: s.start });
    const runId = run.body.run.info.run_id as string;
    ids[s.name] = runId;
    await w.mlflow("POST", "runs/log-batch", {
      run_id: runId,
      metrics: s.acc === undefined ? [] : [{ key: "acc", value: s.acc, timestamp: 1, step: 0 }],
      params: [{ key: "lr", value: s.lr }],
      tags: [{ key: "model", value: s.model }],
    });
    if (s.status !== "RUNNING") await w.mlflow("POST", "runs/update", { run_id: runId, status: s.status, end_time: s.start + 10 });
  }
});

async function names(body: Record<string, unknown>) {
  const res = await w.mlflow("POST", "runs/search", { experiment_ids: [exp], ...body });
  expect(res.status).toBe(200);
  return ((res.body.runs ?? []) as { info: { run_name: string } }[]).map((r) => r.info.run_name);
}

describe("MLflow runs/search", () => {
  it("returns full runs, newest first by default", async () => {
    const res = await w.mlflow("POST", "runs/search", { experiment_ids: [exp], max_results: 1 });
    expect(res.body.runs[0]).toMatchObject({
      info: { run_name: "r4", status: "RUNNING" },
      data: { params: [{ key: "lr", value: "0.001" }], tags: expect.arrayContaining([{ key: "model", value: "XGB" }]) },
    });
    expect(await names({})).toEqual(["r4", "r3", "r2", "r1"]);
  });

  it("filters on metrics, params, tags and attributes with each comparator", async () => {
    expect(await names({ filter: "metrics.acc > 0.8" })).toEqual(["r1"]);
    expect(await names({ filter: "metrics.acc >= 0.7 AND metrics.acc < 0.9" })).toEqual(["r2"]);
    expect(await names({ filter: "metrics.acc <= 0.7" })).toEqual(["r2"]);
    expect(await names({ filter: "metrics.acc != 0.7 and metrics.acc = 0.9" })).toEqual(["r1"]);
    expect(await names({ filter: "params.lr = '0.1'" })).toEqual(["r3", "r1"]);
    expect(await names({ filter: "params.lr != '0.1'" })).toEqual(["r4", "r2"]);
    expect(await names({ filter: "tags.model LIKE 'xgb%'" })).toEqual(["r2", "r1"]);
    expect(await names({ filter: "tags.model ILIKE 'xgb%'" })).toEqual(["r4", "r2", "r1"]);
    expect(await names({ filter: 'tags."model" = "lgbm"' })).toEqual(["r3"]);
    expect(await names({ filter: "attributes.status = 'FINISHED'" })).toEqual(["r3", "r1"]);
    expect(await names({ filter: "status != 'FINISHED'" })).toEqual(["r4", "r2"]);
    expect(await names({ filter: "attributes.run_name IN ('r1', 'r4')" })).toEqual(["r4", "r1"]);
    expect(await names({ filter: `attributes.run_id IN ('${ids.r2}', '${ids.r3}')` })).toEqual(["r3", "r2"]);
    expect(await names({ filter: `attributes.run_id NOT IN ('${ids.r2}')` })).toEqual(["r4", "r3", "r1"]);
    expect(await names({ filter: "attributes.start_time > 1500 AND attributes.start_time <= 3000" })).toEqual(["r3", "r2"]);
    expect(await names({ filter: "tags.`mlflow.runName` = 'r2'" })).toEqual(["r2"]);
    expect(await names({ filter: "params.missing IS NULL AND tags.model IS NOT NULL" })).toEqual(["r4", "r3", "r2", "r1"]);
  });

  it("refuses malformed filters and order_by clauses with INVALID_PARAMETER_VALUE", async () => {
    for (const filter of ["metrics.acc > 'x'", "params.lr > '1'", "foo.bar = 1", "attributes.nope = 'x'", "metrics.acc > 1 OR metrics.acc < 0", "params.lr IN ('1')", "tags.x = 'unterminated"]) {
      expect(await w.mlflow("POST", "runs/search", { experiment_ids: [exp], filter })).toMatchObject({
        status: 400,
        body: { error_code: "INVALID_PARAMETER_VALUE" },
      });
    }
    expect((await w.mlflow("POST", "runs/search", { experiment_ids: [exp], order_by: ["attributes.nope"] })).status).toBe(400);
    expect((await w.mlflow("POST", "runs/search", { experiment_ids: [exp], max_results: 50001 })).status).toBe(400);
  });

  it("orders by metrics (missing last, NaN after values), params and attributes", async () => {
    expect(await names({ order_by: ["metrics.acc DESC"] })).toEqual(["r1", "r2", "r3", "r4"]);
    expect(await names({ order_by: ["metrics.acc ASC"] })).toEqual(["r2", "r1", "r3", "r4"]);
    expect(await names({ order_by: ["params.lr ASC", "attributes.start_time DESC"] })).toEqual(["r4", "r2", "r3", "r1"]);
    expect(await names({ order_by: ["start_time ASC"] })).toEqual(["r1", "r2", "r3", "r4"]);
    expect(await names({ order_by: ["attributes.run_name DESC"] })).toEqual(["r4", "r3", "r2", "r1"]);
  });

  it("pages with max_results and an opaque page_token", async () => {
    const first = await w.mlflow("POST", "runs/search", { experiment_ids: [exp], max_results: 3, order_by: ["start_time ASC"] });
    expect(first.body.runs.map((r: { info: { run_name: string } }) => r.info.run_name)).toEqual(["r1", "r2", "r3"]);
    const second = await w.mlflow("POST", "runs/search", {
      experiment_ids: [exp],
      max_results: 3,
      order_by: ["start_time ASC"],
      page_token: first.body.next_page_token,
    });
    expect(second.body.runs.map((r: { info: { run_name: string } }) => r.info.run_name)).toEqual(["r4"]);
    expect(second.body.next_page_token).toBeUndefined();
  });

  it("honours run_view_type and leaves deleted runs out by default", async () => {
    await w.mlflow("POST", "runs/delete", { run_id: ids.r2 });
    expect(await names({})).toEqual(["r4", "r3", "r1"]);
    expect(await names({ run_view_type: "DELETED_ONLY" })).toEqual(["r2"]);
    expect(await names({ run_view_type: "ALL" })).toEqual(["r4", "r3", "r2", "r1"]);
    await w.mlflow("POST", "runs/restore", { run_id: ids.r2 });
  });
});
