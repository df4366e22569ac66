// Drives the MLflow API with an independent client (the npm package `mlflow`, a third-party
// Node client) over real HTTP, the way a training script would with MLFLOW_TRACKING_URI.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import MLflow from "mlflow";
import { RunStatus } from "mlflow/enum";
import { withTestDb } from "@/db/with-test-db";
import { serveFetchHandler, type NodeServer } from "@/server/http/node-server";
import { handleMlflowRequest } from "../handler";
import { tempArtifactStore } from "../testing";
import { mlflowWorkspace, tokenFor } from "./setup";

const database = withTestDb();
let server: NodeServer;
const store = tempArtifactStore();

beforeAll(async () => {
  // A minimal HTTP front that routes like app/mlflow/[org]/[project]/api/2.0/mlflow/[...path].
  server = await serveFetchHandler(async (request) => {
    const m = /^\/mlflow\/([^/]+)\/([^/]+)\/api\/2\.0\/mlflow\/(.+)$/.exec(new URL(request.url).pathname);
    if (!m) return new Response(null, { status: 404 });
    return handleMlflowRequest(request, { db: database.db, store, org: m[1]!, project: m[2]!, path: m[3]! });
  });
  vi.spyOn(console, "log").mockImplementation(() => undefined); // the client logs every request body
});
afterAll(() => server.close());

describe("the npm `mlflow` client against Runboard", () => {
  it("creates an experiment and a run, logs params, metrics and tags, reads them back and searches", async () => {
    const ws = await mlflowWorkspace(database);
    const token = await tokenFor(database, ws.org.id, ws.members.data_scientist.id);
    const client = new MLflow({ endpoint: `${server.url}/mlflow/${ws.org.slug}/${ws.project.key}`, headers: { Authorization: `Bearer ${token}` } });

    // The client's typings want artifact_location; an empty one lets the server assign it.
    const { experiment_id } = await client.Experiments.create({ name: "npm-client", artifact_location: "" });
    expect(experiment_id).toMatch(/^\d+$/);
    const { run } = await client.Runs.create({
      experiment_id,
      user_id: "sam",
      start_time: Date.now(),
      tags: [{ key: "mlflow.source.git.commit", value: "abc123" }],
    });
    const run_id = run.info.run_id;
    await client.Runs.logParameter({ run_id, key: "lr", value: "0.01" });
    for (let step = 0; step < 3; step++) await client.Runs.logMetric({ run_id, key: "loss", value: 1 / (step + 1), timestamp: Date.now(), step });
    await client.Runs.logBatch({ run_id, metrics: [{ key: "acc", value: 0.91, timestamp: Date.now(), step: 2 }], params: [{ key: "epochs", value: "3" }], tags: [{ key: "team", value: "churn" }] });
    await client.Runs.update({ run_id, status: RunStatus.FINISHED, end_time: Date.now() });

    const got = await client.Runs.get({ run_id });
    expect(got.run.info).toMatchObject({ run_id, status: "FINISHED", experiment_id });
    expect(got.run.data.params).toEqual(expect.arrayContaining([{ key: "lr", value: "0.01" }, { key: "epochs", value: "3" }]));
    expect(got.run.data.tags).toEqual(expect.arrayContaining([{ key: "team", value: "churn" }, { key: "mlflow.source.git.commit", value: "abc123" }]));
    const history = await client.Metrics.getHistory({ run_id, metric_key: "loss" });
    expect(history.metrics.map((p: { step: number; value: number }) => [p.step, p.value])).toEqual([[0, 1], [1, 0.5], [2, 1 / 3]]);

    const found = await client.Runs.search({ experiment_ids: [experiment_id], filter: "metrics.acc > 0.9 and params.lr = '0.01'" });
    expect(found.runs.map((r: { info: { run_id: string } }) => r.info.run_id)).toEqual([run_id]);
    const none = await client.Runs.search({ experiment_ids: [experiment_id], filter: "metrics.acc > 0.95" });
    expect(none.runs ?? []).toEqual([]);
  });

  it("surfaces MLflow's error codes: a changed param and another organization's run", async () => {
    const ws = await mlflowWorkspace(database);
    const other = await mlflowWorkspace(database);
    const token = await tokenFor(database, ws.org.id, ws.members.data_scientist.id);
    const client = new MLflow({ endpoint: `${server.url}/mlflow/${ws.org.slug}/${ws.project.key}`, headers: { Authorization: `Bearer ${token}` } });
    const { experiment_id } = await client.Experiments.create({ name: "errors", artifact_location: "" });
    const { run } = await client.Runs.create({ experiment_id, user_id: "sam", start_time: Date.now() });
    await client.Runs.logParameter({ run_id: run.info.run_id, key: "lr", value: "0.01" });
    await expect(client.Runs.logParameter({ run_id: run.info.run_id, key: "lr", value: "0.02" })).rejects.toThrow(/INVALID_PARAMETER_VALUE/);

    const otherToken = await tokenFor(database, other.org.id, other.members.data_scientist.id);
    const intruder = new MLflow({ endpoint: `${server.url}/mlflow/${ws.org.slug}/${ws.project.key}`, headers: { Authorization: `Bearer ${otherToken}` } });
    await expect(intruder.Runs.get({ run_id: run.info.run_id })).rejects.toThrow(/"status":404/);
  });
});
