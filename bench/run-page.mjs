#!/usr/bin/env node
// Run page figures on PGlite: a run with 20 metrics × 10,000 points logged over the MLflow API,
// then the server time of runs.metricSeries (downsampled to ≤1,000 points a series; one metric and
// all 20 in one tRPC batch, as the page asks) and the run page in Chromium until all 20 charts are drawn.
// Needs a build (`npm run build`). Usage: node bench/run-page.mjs [metrics=20] [points=10000]
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "@playwright/test";
import { CHROMIUM, fmt, signIn, startServer, stopServer, time } from "./lib.mjs";

const METRICS = Number(process.argv[2] ?? 20);
const POINTS = Number(process.argv[3] ?? 10_000);
const PORT = Number(process.env.PORT ?? 3197);
const base = `http://localhost:${PORT}`;
const dir = mkdtempSync(path.join(os.tmpdir(), "runboard-run-bench-"));
const fmt0 = (xs) => fmt(xs, 0);

const { child: server } = await startServer({
  port: PORT,
  dataDir: dir,
  env: { RUNBOARD_DEMO: "1", AUTH_SECRET: "bench-secret-bench-secret-bench-secret-1" },
});

try {
  const session = await signIn(base, "admin@acme.test", "runboard-demo");
  const tok = await fetch(`${base}/api/v1/orgs/acme/tokens`, { method: "POST", headers: { cookie: session.cookie, "content-type": "application/json" }, body: JSON.stringify({ name: "bench" }) });
  if (!tok.ok) throw new Error(`token: HTTP ${tok.status} ${await tok.text()}`);
  const { token } = await tok.json();
  const ml = async (p, body) => {
    const res = await fetch(`${base}/mlflow/acme/CHURN/api/2.0/mlflow/${p}`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`${p}: HTTP ${res.status} ${await res.text()}`);
    return res.json();
  };
  const { experiment_id } = await ml("experiments/create", { name: `bench-${Date.now()}` });
  const { run } = await ml("runs/create", { experiment_id, run_name: "bench-run", start_time: Date.now() });
  const runId = run.info.run_id;
  const keys = Array.from({ length: METRICS }, (_, i) => `metric_${String(i).padStart(2, "0")}`);
  const t0 = performance.now();
  for (const [k, key] of keys.entries()) {
    for (let s = 0; s < POINTS; s += 1000) {
      const metrics = Array.from({ length: Math.min(1000, POINTS - s) }, (_, j) => ({ key, value: Math.sin((s + j) / (40 + k)) + (s + j === 5000 ? 5 : 0), timestamp: 1_700_000_000_000 + s + j, step: s + j }));
      await ml("runs/log-batch", { run_id: runId, metrics });
    }
  }
  console.log(`Run page benchmark: ${METRICS} metrics × ${POINTS} points, PGlite, ${os.cpus().length} CPUs`);
  console.log(`ingest (log-batch, 1000 points a request): ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const one = (key) => ({ json: { org: "acme", key: "CHURN", runIds: [runId], metricKey: key, maxPoints: 1000 } });
  const get = async (url) => {
    const res = await fetch(url, { headers: { cookie: session.cookie } });
    const body = await res.text();
    if (!res.ok) throw new Error(`${url.slice(0, 80)}: HTTP ${res.status} ${body.slice(0, 200)}`);
    return body;
  };
  let points = 0;
  await get(`${base}/api/trpc/runs.metricSeries?input=${encodeURIComponent(JSON.stringify(one(keys[0])))}`);
  const single = await time(20, async () => {
    const body = JSON.parse(await get(`${base}/api/trpc/runs.metricSeries?input=${encodeURIComponent(JSON.stringify(one(keys[0])))}`));
    points = body.result.data.json[0].values.length;
  });
  console.log(`metricSeries, 1 metric:      ${fmt0(single)}  (${POINTS} → ${points} points)`);
  const batchInput = Object.fromEntries(keys.map((k, i) => [i, one(k)]));
  const batchUrl = `${base}/api/trpc/${keys.map(() => "runs.metricSeries").join(",")}?batch=1&input=${encodeURIComponent(JSON.stringify(batchInput))}`;
  const batch = await time(5, () => get(batchUrl));
  console.log(`metricSeries, ${METRICS} in a batch: ${fmt0(batch)}`);

  const browser = await chromium.launch(CHROMIUM);
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.addCookies([...session.jar].map(([name, value]) => ({ name, value, url: base })));
  const page = await context.newPage();
  const renders = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    await page.goto(`${base}/acme/CHURN/pipeline/runs/${runId}`);
    await page.waitForFunction((n) => document.querySelectorAll("path.recharts-line-curve").length >= n, METRICS, { timeout: 30_000 });
    renders.push(performance.now() - t);
  }
  console.log(`run page, navigation → ${METRICS} charts drawn: ${fmt0(renders)}`);
  await browser.close();
} finally {
  await stopServer(server);
  rmSync(dir, { recursive: true, force: true });
}
