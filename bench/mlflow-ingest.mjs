#!/usr/bin/env node
// MLflow log-batch ingest: W concurrent writers, each on its own run, each request 1000 metric
// points; prints points/s and request latency. In-process handler on a fresh in-memory PGlite
// database. Usage: npx tsx bench/mlflow-ingest.mjs [requests=200] [writers=4]
// (TEST_DATABASE_URL does not work yet under tsx: its CJS transform fails on db/testing.ts's import("pg").)
import { createTestDb, createTestProject, createTestTeam, orgCtx } from "../db/testing.ts";
import { createApiToken } from "../server/services/tokens/create-api-token.ts";
import { mlflowClient } from "../server/http/mlflow/testing.ts";

const REQUESTS = Number(process.argv[2] ?? 200);
const WRITERS = Number(process.argv[3] ?? 4);
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];

const database = await createTestDb();
const { org, members } = await createTestTeam(database.db);
const project = await createTestProject(database.db, org.id);
const { token } = await createApiToken({ ctx: await orgCtx(database.db, org.id, members.data_scientist.id), input: { name: "bench" } });
const mlflow = mlflowClient(database.db, org.slug, project.key, { token });
const exp = (await mlflow("POST", "experiments/create", { name: "bench" })).body.experiment_id;

const latencies = [];
let next = 0;
async function writer(w) {
  const runId = (await mlflow("POST", "runs/create", { experiment_id: exp, run_name: `writer-${w}` })).body.run.info.run_id;
  for (let step = 0; next < REQUESTS; step++) {
    next++;
    const metrics = Array.from({ length: 1000 }, (_, i) => ({ key: `m${i % 10}`, value: Math.random(), timestamp: Date.now(), step: step * 100 + Math.floor(i / 10) }));
    const t0 = performance.now();
    const res = await mlflow("POST", "runs/log-batch", { run_id: runId, metrics });
    latencies.push(performance.now() - t0);
    if (res.status !== 200) throw new Error(`log-batch ${res.status}: ${JSON.stringify(res.body)}`);
  }
}
const t0 = performance.now();
await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
const seconds = (performance.now() - t0) / 1000;
console.log(
  `${process.env.TEST_DATABASE_URL ? "postgres" : "pglite"}: ${latencies.length} requests x 1000 points, ${WRITERS} writers: ` +
    `${Math.round((latencies.length * 1000) / seconds)} points/s; request median ${pct(latencies, 50).toFixed(1)} ms, p95 ${pct(latencies, 95).toFixed(1)} ms`,
);
await database.close();
