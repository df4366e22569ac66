// MLflow tracking API figures through the real HTTP adapter (handleMlflowRequest called in-process
// with real Request objects: auth, body reading, zod, service, JSON serialisation; no socket).
//   npx tsx bench/mlflow.ts [--db pglite|postgres] [--seconds 20] [--writers 4] [--runs 10000]
// --only ingest|history|search runs one part.
// (a) ingest: W writers, each log-batch of 1000 metric points to its own run, for N seconds;
// (b) get-history of a 10,000-point metric, 50 calls, whole history and with max_results=1000 paging;
// (c) runs/search over 10,000 runs x 50 metrics (+ 3 params, bulk-inserted with SQL, then ANALYZE):
//     `metrics.m7 > 0.5 and params.optimizer = 'adam'`, order_by metrics.m3 DESC, max_results 100, 30 calls.
// PGlite: in-memory, restored from the migrated template. PostgreSQL: TEST_DATABASE_URL or
// postgres://postgres@127.0.0.1:5432/postgres; a fresh database is created and dropped.
import os from "node:os";
import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { createPostgresTestDb, createTestDb, createTestProject, createTestTeam, orgCtx } from "@/db/testing";
import { createApiToken } from "@/server/services/tokens/create-api-token";
import { mlflowClient } from "@/server/http/mlflow/testing";
import { parseRunId } from "@/server/services/mlflow/internal";

function arg(name: string, fallback: string) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}
const DB = arg("db", "pglite") as "pglite" | "postgres";
const SECONDS = Number(arg("seconds", "20"));
const WRITERS = Number(arg("writers", "4"));
const RUNS = Number(arg("runs", "10000"));
const ONLY = arg("only", "all"); // ingest | history | search | all
const HISTORY_POINTS = 10_000;

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.max(0, Math.ceil((p / 100) * xs.length) - 1))]!;
const fmt = (n: number) => n.toFixed(1);

function openBenchDb(): Promise<Database> {
  if (DB === "pglite") return createTestDb();
  return createPostgresTestDb(process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres");
}

async function main() {
  const rows: [string, string][] = [];
  const load0 = os.loadavg()[0]!;
  const database = await openBenchDb();
  try {
    const { org, members } = await createTestTeam(database.db);
    const project = await createTestProject(database.db, org.id);
    const { token } = await createApiToken({ ctx: await orgCtx(database.db, org.id, members.data_scientist.id), input: { name: "bench" } });
    const mlflow = mlflowClient(database.db, org.slug, project.key, { token });
    const call = async (method: string, path: string, body?: unknown) => {
      const res = await mlflow(method, path, body);
      if (res.status !== 200) throw new Error(`${path} ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`);
      return res.body;
    };
    const exp = (await call("POST", "experiments/create", { name: "bench" })).experiment_id as string;

    // (a) ingest
    if (ONLY === "all" || ONLY === "ingest") {
    const lat: number[] = [];
    const deadline = performance.now() + SECONDS * 1000;
    async function writer(w: number) {
      const runId = (await call("POST", "runs/create", { experiment_id: exp, run_name: `writer-${w}` })).run.info.run_id as string;
      for (let step = 0; performance.now() < deadline; step++) {
        const now = Date.now();
        const metrics = Array.from({ length: 1000 }, (_, i) => ({ key: `m${i % 10}`, value: Math.random(), timestamp: now, step: step * 100 + Math.floor(i / 10) }));
        const t0 = performance.now();
        await call("POST", "runs/log-batch", { run_id: runId, metrics });
        lat.push(performance.now() - t0);
      }
    }
    const t0 = performance.now();
    await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
    const secs = (performance.now() - t0) / 1000;
    rows.push([
      `ingest log-batch 1000 pts, ${WRITERS} writers, ${SECONDS} s`,
      `${Math.round((lat.length * 1000) / secs)} points/s (${lat.length} req); req median ${fmt(pct(lat, 50))} ms, p95 ${fmt(pct(lat, 95))} ms`,
    ]);
    }
    const loadIngest = os.loadavg()[0]!;

    // (b) get-history of a 10,000-point metric (logged through log-batch)
    if (ONLY === "all" || ONLY === "history") {
    const histRun = (await call("POST", "runs/create", { experiment_id: exp, run_name: "history" })).run.info.run_id as string;
    for (let b = 0; b < HISTORY_POINTS / 1000; b++) {
      const metrics = Array.from({ length: 1000 }, (_, i) => ({ key: "loss", value: Math.random(), timestamp: 1_700_000_000_000 + b * 1000 + i, step: b * 1000 + i }));
      await call("POST", "runs/log-batch", { run_id: histRun, metrics });
    }
    const whole: number[] = [];
    const paged: number[] = [];
    for (let i = 0; i < 50; i++) {
      let t = performance.now();
      const all = await call("GET", "metrics/get-history", { run_id: histRun, metric_key: "loss" });
      whole.push(performance.now() - t);
      if (all.metrics.length !== HISTORY_POINTS) throw new Error(`history returned ${all.metrics.length}`);
      t = performance.now();
      let token: string | undefined;
      let n = 0;
      do {
        const page = await call("GET", "metrics/get-history", { run_id: histRun, metric_key: "loss", max_results: 1000, ...(token ? { page_token: token } : {}) });
        n += page.metrics.length;
        token = page.next_page_token;
      } while (token);
      paged.push(performance.now() - t);
      if (n !== HISTORY_POINTS) throw new Error(`paged history returned ${n}`);
    }
    rows.push([`get-history 10,000 pts, whole (50 calls)`, `median ${fmt(pct(whole, 50))} ms, p95 ${fmt(pct(whole, 95))} ms`]);
    rows.push([`get-history 10,000 pts, 10 pages of 1000 (50x)`, `median ${fmt(pct(paged, 50))} ms, p95 ${fmt(pct(paged, 95))} ms (all 10 pages)`]);
    }

    // (c) runs/search: bulk data straight through Drizzle (SQL generate_series), then ANALYZE
    if (ONLY === "all" || ONLY === "search") {
    const searchExp = (await call("POST", "experiments/create", { name: "search" })).experiment_id as string;
    const tSeed = performance.now();
    await database.db.execute(sql`
      insert into runs (id, project_id, experiment_id, name, status, start_time, lifecycle_stage, artifact_uri)
      select gen_random_uuid(), ${project.id}::uuid, ${Number(searchExp)}, 'run-' || g, 'FINISHED', 1700000000000 + g, 'active', 'mlflow-artifacts:/x'
      from generate_series(1, ${RUNS}) g`);
    await database.db.execute(sql`
      insert into latest_metrics (run_id, key, value, step, timestamp)
      select r.id, 'm' || k, random(), 100, 1700000000000 from runs r cross join generate_series(0, 49) k
      where r.experiment_id = ${Number(searchExp)}`);
    await database.db.execute(sql`
      insert into run_params (run_id, key, value)
      select r.id, p.key, case p.key when 'optimizer' then (array['adam','sgd','rmsprop'])[1 + floor(random() * 3)::int]
                                     when 'lr' then (array['0.1','0.01','0.001'])[1 + floor(random() * 3)::int]
                                     else (array['16','32','64','128'])[1 + floor(random() * 4)::int] end
      from runs r cross join (values ('optimizer'), ('lr'), ('batch_size')) p(key) where r.experiment_id = ${Number(searchExp)}`);
    await database.db.execute(sql`
      insert into run_tags (run_id, key, value) select r.id, 'mlflow.runName', r.name from runs r where r.experiment_id = ${Number(searchExp)}`);
    await database.db.execute(sql`analyze`);
    const seedS = (performance.now() - tSeed) / 1000;
    const search: number[] = [];
    let found = 0;
    const body = {
      experiment_ids: [searchExp],
      filter: "metrics.m7 > 0.5 and params.optimizer = 'adam'",
      order_by: ["metrics.m3 DESC"],
      max_results: 100,
    };
    for (let i = 0; i < 30; i++) {
      const t = performance.now();
      const res = await call("POST", "runs/search", body);
      search.push(performance.now() - t);
      found = res.runs?.length ?? 0;
      if (i === 0) {
        const r0 = res.runs[0];
        const ok = r0.data.params.some((p: { key: string; value: string }) => p.key === "optimizer" && p.value === "adam") && r0.data.metrics.length === 50;
        if (!ok || !res.next_page_token || !parseRunId(r0.info.run_id)) throw new Error("search returned unexpected runs");
      }
    }
    rows.push([
      `runs/search ${RUNS} runs x 50 metrics, filter+order, page 100 (30x)`,
      `median ${fmt(pct(search, 50))} ms, p95 ${fmt(pct(search, 95))} ms (${found} runs/page; seed ${seedS.toFixed(1)} s)`,
    ]);
    }

    const w = Math.max(...rows.map((r) => r[0].length));
    console.log(`\nMLflow API on ${DB} (in-process handleMlflowRequest), node ${process.version}, ${os.cpus().length} CPUs`);
    console.log(`load average (1 min): start ${load0.toFixed(2)}, after ingest ${loadIngest.toFixed(2)}, end ${os.loadavg()[0]!.toFixed(2)}\n`);
    console.log(`| ${"measure".padEnd(w)} | result |`);
    console.log(`|${"-".repeat(w + 2)}|--------|`);
    for (const [k, v] of rows) console.log(`| ${k.padEnd(w)} | ${v} |`);
  } finally {
    await database.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
