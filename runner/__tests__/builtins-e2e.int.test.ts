import type { ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { latestMetrics, metrics, runInputs, runTags } from "@/db/schema";
import { orgCtx } from "@/db/testing";
import { withTestDb } from "@/db/with-test-db";
import { handleMlflowArtifactsRequest } from "@/server/http/mlflow/artifacts";
import { handleMlflowRequest } from "@/server/http/mlflow/handler";
import { serveFetchHandler, type NodeServer } from "@/server/http/node-server";
import { handleRunnerRequest } from "@/server/http/runner/handler";
import { createDataset } from "@/server/services/datasets/create-dataset";
import { uploadVersion } from "@/server/services/datasets/upload-version";
import { parseRunId } from "@/server/services/mlflow/internal";
import { getModelVersion } from "@/server/services/registry/model-versions";
import { createJob } from "@/server/services/jobs/create-job";
import { getJob, getJobLogs } from "@/server/services/jobs/read-jobs";
import { setupRunnerWorld } from "@/server/services/runner-protocol/__tests__/testing";
import { agentOutput, startAgent, stopAgents, until } from "./agent-process";
import { ArtifactStore } from "@/server/storage/artifact-store";
import { mulberry32, trainValidationSplit } from "../builtins/random";
import { parseCsv } from "../builtins/table";
import { prepare } from "../builtins/train";

/** The real agent runs the built-in train and evaluate jobs against the real runner and MLflow handlers over HTTP. */
const database = withTestDb();
let server: NodeServer;
let agent: ChildProcess;
let world: Awaited<ReturnType<typeof setupRunnerWorld>>;
const store = new ArtifactStore(mkdtempSync(path.join(os.tmpdir(), "builtins-store-")));
const workDir = mkdtempSync(path.join(os.tmpdir(), "builtins-e2e-"));

/** Routes like the app: the MLflow tracking and artifact APIs, and the runner protocol. */
async function route(request: Request): Promise<Response> {
  const { pathname } = new URL(request.url);
  const db = database.db;
  const mlflow = /^\/mlflow\/([^/]+)\/([^/]+)\/api\/2\.0\/(mlflow-artifacts\/artifacts|mlflow)(?:\/(.*))?$/.exec(pathname);
  if (mlflow) {
    const [, org, project, api] = mlflow as unknown as [string, string, string, string];
    const rest = mlflow[4] ?? "";
    if (api === "mlflow") return handleMlflowRequest(request, { db, store, org, project, path: rest });
    return handleMlflowArtifactsRequest(request, { db, store, org, project, segments: rest ? rest.split("/").map(decodeURIComponent) : [] });
  }
  return handleRunnerRequest(request, db, { leaseTtlMs: 15_000, heartbeatMs: 2_000, pollMs: 100 }, store);
}

/** 400 rows, two informative features and a noise column; label from a noisy linear rule. Deterministic. */
function syntheticCsv(n = 400, seed = 1) {
  const rand = mulberry32(seed);
  const lines = ["x1,x2,noise,churned"];
  for (let i = 0; i < n; i++) {
    const [x1, x2, noise] = [rand() * 10, rand() * 5 - 2.5, rand()];
    const churned = 0.8 * (x1 - 5) - 1.2 * x2 + (rand() - 0.5) * 2 > 0;
    lines.push(`${x1.toFixed(4)},${x2.toFixed(4)},${noise.toFixed(4)},${churned}`);
  }
  return lines.join("\n") + "\n";
}

beforeAll(async () => {
  world = await setupRunnerWorld(database.db);
  server = await serveFetchHandler(route);
  agent = startAgent({ url: server.url, token: world.reg.token, name: "builtins", workDir, args: ["--claim-wait-ms", "500"] });
}, 60_000);

afterAll(() => stopAgents([agent], server));

async function upload(name: string, csv: string) {
  const ctx = await orgCtx(database.db, world.org.id, world.members.data_scientist.id);
  const existing = await createDataset({ ctx, input: { key: world.project.key, name, description: "", licence: "synthetic", containsPersonalData: false } }).catch(() => null);
  void existing; // a second upload to the same dataset makes a new version
  const { version } = await uploadVersion({
    ctx,
    input: { key: world.project.key, name, format: "csv", filename: `${name}.csv` },
    body: (async function* () {
      yield Buffer.from(csv);
    })(),
    store,
  });
  return version;
}

/** The job once it succeeded; a failed or cancelled job fails the test with its logs. */
async function finished(id: string) {
  const j = await until(`job ${id} to finish`, async () => {
    const job = await getJob({ ctx: world.dev, input: { id } });
    return ["succeeded", "failed", "cancelled"].includes(job.state) ? job : null;
  }, { ms: 60_000 });
  if (j.state !== "succeeded") {
    const logs = await getJobLogs({ ctx: world.dev, input: { id } });
    throw new Error(`job ${j.state}: ${j.failureReason}\n${logs.lines.map((l) => l.text).join("")}\nagent:\n${agentOutput()}`);
  }
  return j;
}

async function runMetrics(runId: string) {
  const rows = await database.db.select().from(latestMetrics).where(eq(latestMetrics.runId, parseRunId(runId)!));
  return Object.fromEntries(rows.map((r) => [r.key, r.value]));
}

describe("built-in train and evaluate jobs", () => {
  it("refuses a job whose dataset or model version does not exist, naming the field", async () => {
    await expect(
      createJob({ ctx: world.dev, input: { key: world.project.key, spec: { kind: "train", dataset: { name: "nope", version: 1 }, target: "y", registerAs: "m" } } }),
    ).rejects.toMatchObject({ field: "spec.dataset", message: expect.stringMatching(/^dataset nope version 1 not found/) });
    await upload("churn-check", syntheticCsv(20));
    await expect(
      createJob({ ctx: world.dev, input: { key: world.project.key, spec: { kind: "evaluate", model: { name: "ghost", version: 1 }, dataset: { name: "churn-check", version: 1 } } } }),
    ).rejects.toMatchObject({ field: "spec.model", message: expect.stringMatching(/^model ghost version 1 not found/) });
  });

  it("train (logistic regression) registers an ONNX model; evaluate on the validation rows gives the training run's validation metrics", async () => {
    const csv = syntheticCsv();
    const ds = await upload("churn", csv);
    const spec = { kind: "train" as const, dataset: { name: "churn", version: ds.version }, target: "churned", features: ["x1", "x2"], model: "logistic_regression" as const, epochs: 30, learningRate: 0.05, batchSize: 32, validationFraction: 0.2, seed: 7, registerAs: "churn-lr" };
    const started = Date.now();
    const train = await createJob({ ctx: world.dev, input: { key: world.project.key, spec } });
    await finished(train.id);
    const trainSeconds = (Date.now() - started) / 1000;
    const runId = parseRunId(train.runId)!;

    const series = await database.db.select({ step: metrics.step, value: metrics.value }).from(metrics).where(and(eq(metrics.runId, runId), eq(metrics.key, "val_accuracy")));
    expect(series.map((p) => p.step).sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    const m = await runMetrics(train.runId);
    expect(m.final_val_accuracy).toBeGreaterThan(0.8);
    expect(m.final_val_auc).toBeGreaterThan(0.85);
    expect(Math.abs(m.final_val_accuracy! - m.val_accuracy!)).toBeLessThan(0.02); // float32 ONNX vs float64 training graph
    const tags = Object.fromEntries((await database.db.select().from(runTags).where(eq(runTags.runId, runId))).map((t) => [t.key, t.value]));
    expect(tags["runboard.features"]).toBe('["x1","x2"]');
    expect(tags["runboard.positive_label"]).toBe("true");
    expect(tags["runboard.model_version"]).toBe("churn-lr/1");
    expect(tags["runboard.runner"]).toBe("builtins");
    const inputs = await database.db.select().from(runInputs).where(eq(runInputs.runId, runId));
    expect(inputs).toHaveLength(1);
    const mv = await getModelVersion({ ctx: { ...world.dev, project: { id: world.project.id, key: world.project.key } }, input: { name: "churn-lr", version: "1" } });
    expect(mv.runId).toBe(runId);
    expect(mv.onnxIo?.inputs[0]).toMatchObject({ name: "features", type: "float32" });

    // the validation rows, rebuilt from the same seed and split
    const table = parseCsv(csv);
    const { matrix } = prepare(table, spec);
    const split = trainValidationSplit(matrix.rows, 0.2, 7);
    const valCsv = [table.columns.join(","), ...split.validation.map((i) => table.rows[i]!.join(","))].join("\n") + "\n";
    const valDs = await upload("churn-validation", valCsv);
    const evaluate = await createJob({ ctx: world.dev, input: { key: world.project.key, spec: { kind: "evaluate", model: { name: "churn-lr", version: 1 }, dataset: { name: "churn-validation", version: valDs.version } } } });
    await finished(evaluate.id);
    const e = await runMetrics(evaluate.runId);
    expect(Math.abs(e.accuracy! - m.final_val_accuracy!)).toBeLessThan(1e-6);
    expect(Math.abs(e.roc_auc! - m.final_val_auc!)).toBeLessThan(1e-6);
    expect(Math.abs(e.f1! - m.final_val_f1!)).toBeLessThan(1e-6);
    expect(e.tp! + e.fp! + e.tn! + e.fn!).toBe(80);
    expect(e.latency_ms_median).toBeGreaterThan(0);
    expect(e.latency_ms_p95).toBeGreaterThanOrEqual(e.latency_ms_median!);
    expect(e.throughput_rows_per_s).toBeGreaterThan(0);
    const eTags = Object.fromEntries((await database.db.select().from(runTags).where(eq(runTags.runId, parseRunId(evaluate.runId)!))).map((t) => [t.key, t.value]));
    expect(eTags["runboard.model_version"]).toBe("churn-lr/1");

    // the dataset download is fenced: a lease that is not the job's live lease gets 409, none 400
    const other = await world.addRunner("other");
    const get = (lease?: string) =>
      handleRunnerRequest(
        new Request(`http://x/api/runner/v1/jobs/${train.id}/dataset`, { headers: { authorization: `Bearer ${other.token}`, ...(lease ? { "x-runboard-lease": lease } : {}) } }),
        database.db,
        {},
        store,
      );
    expect((await get(crypto.randomUUID())).status).toBe(409);
    expect((await get()).status).toBe(400);
    console.log(`train (LR, 400 rows, 30 epochs) job wall ${trainSeconds.toFixed(2)} s; val accuracy ${m.final_val_accuracy}, auc ${m.final_val_auc}; evaluate accuracy ${e.accuracy}, auc ${e.roc_auc}, latency median ${e.latency_ms_median} ms p95 ${e.latency_ms_p95} ms, ${Math.round(e.throughput_rows_per_s!)} rows/s`);
  }, 120_000);

  it("train (MLP) reaches > 0.9 validation accuracy on a separable set", async () => {
    const rand = mulberry32(3);
    const lines = ["a,b,label"];
    for (let i = 0; i < 400; i++) {
      const [a, b] = [rand() * 2 - 1, rand() * 2 - 1];
      lines.push(`${a},${b},${a * a + b * b < 0.5 ? 1 : 0}`); // a circle: not linearly separable
    }
    const ds = await upload("circle", lines.join("\n") + "\n");
    const job = await createJob({
      ctx: world.dev,
      input: { key: world.project.key, spec: { kind: "train", dataset: { name: "circle", version: ds.version }, target: "label", model: "mlp", hidden: [16], epochs: 60, learningRate: 0.02, batchSize: 16, seed: 1, registerAs: "circle-mlp" } },
    });
    await finished(job.id);
    const m = await runMetrics(job.runId);
    console.log(`MLP circle: final val accuracy ${m.final_val_accuracy}, auc ${m.final_val_auc}`);
    expect(m.final_val_accuracy).toBeGreaterThan(0.9);
  }, 120_000);
});
