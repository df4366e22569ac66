import { describe, expect, it } from "vitest";
import { withTestDb } from "@/db/with-test-db";
import { mlflowWorkspace } from "@/server/http/mlflow/__tests__/setup";
import { callerFor } from "@/server/trpc/testing";
import { metricCsv } from "@/server/services/tracking/metric-series";
import { orgCtx } from "@/db/testing";

const database = withTestDb();

type Ws = Awaited<ReturnType<typeof mlflowWorkspace>>;

async function seedRuns(ws: Ws) {
  const exp = (await ws.mlflow("POST", "experiments/create", { name: "churn-xgb" })).body.experiment_id as string;
  const ids: Record<string, string> = {};
  const specs = [
    { name: "alpha", lr: "0.1", acc: 0.71, status: "FINISHED" },
    { name: "bravo", lr: "0.01", acc: 0.93, status: "FINISHED" },
    { name: "charlie", lr: "0.3", acc: 0.82, status: "RUNNING" },
    { name: "delta", lr: "0.05", acc: null, status: "FAILED" },
  ];
  let t = 1_700_000_000_000;
  for (const s of specs) {
    const run = await ws.mlflow("POST", "runs/create", { experiment_id: exp, run_name: s.name, start_time: (t += 1000) });
    const id = run.body.run.info.run_id as string;
    ids[s.name] = id;
    await ws.mlflow("POST", "runs/log-batch", {
      run_id: id,
      params: [{ key: "lr", value: s.lr }],
      metrics: s.acc === null ? [] : [{ key: "acc", value: s.acc, timestamp: t, step: 1 }],
    });
    if (s.status !== "RUNNING") await ws.mlflow("POST", "runs/update", { run_id: id, status: s.status, end_time: t + 500 });
  }
  return { exp, ids };
}

describe("runs.list", () => {
  it("sorts by a metric (runs without it last), filters by status, text and MLflow filter, and lists keys", async () => {
    const ws = await mlflowWorkspace(database);
    const { exp } = await seedRuns(ws);
    const api = callerFor(database.db, ws.members.viewer);
    const base = { org: ws.org.slug, key: ws.project.key, experimentId: exp, metrics: ["acc"], params: ["lr"] };

    const byAcc = await api.runs.list({ ...base, sort: "metrics.acc", dir: "desc" });
    expect(byAcc.runs.map((r) => r.name)).toEqual(["bravo", "charlie", "alpha", "delta"]);
    expect(byAcc.runs[0]).toMatchObject({ metrics: { acc: 0.93 }, params: { lr: "0.01" }, status: "FINISHED" });
    expect(byAcc.paramKeys).toEqual(["lr"]);
    expect(byAcc.metricKeys).toEqual(["acc"]);

    const asc = await api.runs.list({ ...base, sort: "metrics.acc", dir: "asc" });
    expect(asc.runs.map((r) => r.name)).toEqual(["alpha", "charlie", "bravo", "delta"]);
    expect((await api.runs.list({ ...base, sort: "run_name", dir: "asc" })).runs.map((r) => r.name)).toEqual(["alpha", "bravo", "charlie", "delta"]);
    expect((await api.runs.list({ ...base, status: "FINISHED" })).runs.map((r) => r.name).sort()).toEqual(["alpha", "bravo"]);
    expect((await api.runs.list({ ...base, q: "arl" })).runs.map((r) => r.name)).toEqual(["charlie"]);
    expect((await api.runs.list({ ...base, q: "metrics.acc > 0.8", sort: "metrics.acc", dir: "asc" })).runs.map((r) => r.name)).toEqual(["charlie", "bravo"]);

    const page1 = await api.runs.list({ ...base, sort: "run_name", dir: "asc", limit: 3 });
    expect(page1.nextOffset).toBe(3);
    const page2 = await api.runs.list({ ...base, sort: "run_name", dir: "asc", limit: 3, offset: 3 });
    expect(page2.runs.map((r) => r.name)).toEqual(["delta"]);
    expect(page2.nextOffset).toBeNull();

    await expect(api.runs.list({ ...base, sort: "bogus" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const exps = await api.runs.experiments({ org: ws.org.slug, key: ws.project.key });
    expect(exps).toMatchObject([{ id: exp, name: "churn-xgb", runCount: 4, keyMetric: null }]);
  });

  it("gets a run with params, tags, inputs and git commit; outsiders get NOT_FOUND", async () => {
    const ws = await mlflowWorkspace(database);
    const exp = (await ws.mlflow("POST", "experiments/create", { name: "e" })).body.experiment_id as string;
    const id = (
      await ws.mlflow("POST", "runs/create", { experiment_id: exp, run_name: "r1", tags: [{ key: "mlflow.source.git.commit", value: "abc1234" }] })
    ).body.run.info.run_id as string;
    await ws.mlflow("POST", "runs/log-inputs", { run_id: id, datasets: [{ dataset: { name: "train", digest: "d1", source_type: "local", source: "/x" } }] });
    const run = await callerFor(database.db, ws.members.viewer).runs.get({ org: ws.org.slug, key: ws.project.key, runId: id });
    expect(run).toMatchObject({ id, name: "r1", gitCommit: "abc1234", inputs: [{ name: "train", digest: "d1" }], experiment: { id: exp, name: "e" } });

    const other = await mlflowWorkspace(database);
    await expect(callerFor(database.db, other.members.admin).runs.get({ org: ws.org.slug, key: ws.project.key, runId: id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(callerFor(database.db, other.members.admin).runs.get({ org: other.org.slug, key: other.project.key, runId: id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});

describe("runs.metricSeries", () => {
  it("downsamples to at most maxPoints, keeps every spike, and exports every point exactly", async () => {
    const ws = await mlflowWorkspace(database);
    const exp = (await ws.mlflow("POST", "experiments/create", { name: "long" })).body.experiment_id as string;
    const id = (await ws.mlflow("POST", "runs/create", { experiment_id: exp, run_name: "long" })).body.run.info.run_id as string;
    const N = 10_000;
    const value = (i: number) => (i === 4321 ? 1000 : i === 7777 ? -1000 : Math.sin(i / 50));
    for (let start = 0; start < N; start += 1000) {
      const batch = Array.from({ length: 1000 }, (_, j) => ({ key: "loss", value: value(start + j), timestamp: 1_700_000_000_000 + start + j, step: start + j }));
      expect((await ws.mlflow("POST", "runs/log-batch", { run_id: id, metrics: batch })).status).toBe(200);
    }
    const api = callerFor(database.db, ws.members.viewer);
    const [s] = await api.runs.metricSeries({ org: ws.org.slug, key: ws.project.key, runIds: [id], metricKey: "loss", maxPoints: 1000 });
    expect(s!.total).toBe(N);
    expect(s!.values.length).toBeLessThanOrEqual(1000);
    expect(s!.values.length).toBeGreaterThan(900);
    expect(Math.max(...s!.values)).toBe(1000);
    expect(Math.min(...s!.values)).toBe(-1000);
    expect(s!.steps[0]).toBe(0);
    expect(s!.steps.at(-1)).toBe(N - 1);
    expect([...s!.steps].sort((a, b) => a - b)).toEqual(s!.steps);
    // every returned point is a real point, exact
    for (let i = 0; i < s!.steps.length; i += 97) expect(s!.values[i]).toBe(value(s!.steps[i]!));

    const short = await api.runs.metricSeries({ org: ws.org.slug, key: ws.project.key, runIds: [id], metricKey: "loss", maxPoints: 20_000 }).catch((e) => e);
    expect(short).toMatchObject({ code: "BAD_REQUEST" });

    const { lines } = await metricCsv({ ctx: await orgCtx(database.db, ws.org.id, ws.members.viewer.id), input: { key: ws.project.key, runId: id, metricKey: "loss" } });
    let csv = "";
    for await (const chunk of lines) csv += chunk;
    const rows = csv.trim().split("\n");
    expect(rows[0]).toBe("run_id,key,step,timestamp,value");
    expect(rows.length).toBe(N + 1);
    expect(rows[4322]).toBe(`${id},loss,4321,${1_700_000_000_000 + 4321},1000`);
    expect(rows[2]).toBe(`${id},loss,1,${1_700_000_000_001},${Math.sin(1 / 50)}`);
  });
});
