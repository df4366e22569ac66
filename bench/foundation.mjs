#!/usr/bin/env node
// Figures for the foundation: time for `npm start` to become healthy (fresh embedded database with
// migrations + demo seed, then a restart), and REST API latency with an API token.
// Needs a build (`npm run build`). Usage: node bench/foundation.mjs [requests=300]
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const REQUESTS = Number(process.argv[2] ?? 300);
const PORT = 3197;
const base = `http://localhost:${PORT}`;
const dataDir = mkdtempSync(path.join(os.tmpdir(), "runboard-bench-"));

async function startServer() {
  const t0 = performance.now();
  const child = spawn(process.execPath, ["scripts/start.mjs"], {
    env: { ...process.env, PORT: String(PORT), HOST: "localhost", RUNBOARD_DATA_DIR: dataDir, DATABASE_URL: "", LOG_LEVEL: "warn" },
    stdio: "ignore",
  });
  for (;;) {
    const ok = await fetch(`${base}/api/health`).then((r) => r.ok, () => false);
    if (ok) return { child, ms: performance.now() - t0 };
    if (performance.now() - t0 > 180_000) throw new Error("server did not start");
    await new Promise((r) => setTimeout(r, 100));
  }
}
const stop = (child) => new Promise((r) => { child.once("exit", r); child.kill("SIGTERM"); });
const pct = (xs, p) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

async function latency(label, url, headers) {
  for (let i = 0; i < 20; i++) await fetch(url, { headers }); // warm-up
  const times = [];
  const t0 = performance.now();
  for (let i = 0; i < REQUESTS; i++) {
    const s = performance.now();
    const res = await fetch(url, { headers });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${label}: HTTP ${res.status}`);
    times.push(performance.now() - s);
  }
  const total = performance.now() - t0;
  times.sort((a, b) => a - b);
  console.log(`${label.padEnd(34)} p50 ${pct(times, 50).toFixed(1)} ms  p95 ${pct(times, 95).toFixed(1)} ms  p99 ${pct(times, 99).toFixed(1)} ms  ${(REQUESTS / (total / 1000)).toFixed(0)} req/s (sequential, ${REQUESTS} requests)`);
}

try {
  const fresh = await startServer();
  console.log(`npm start → healthy, fresh database (initdb + migrate + demo seed): ${(fresh.ms / 1000).toFixed(2)} s`);
  const demo = JSON.parse(readFileSync(path.join(dataDir, "demo.json"), "utf8"));
  const auth = { authorization: `Bearer ${demo.apiToken}` };
  await latency("GET /api/health", `${base}/api/health`, {});
  await latency("GET /api/v1/me (API token)", `${base}/api/v1/me`, auth);
  await latency(`GET /api/v1/orgs/${demo.org}/projects`, `${base}/api/v1/orgs/${demo.org}/projects`, auth);
  await stop(fresh.child);
  const again = await startServer();
  console.log(`npm start → healthy, existing database (restart): ${(again.ms / 1000).toFixed(2)} s`);
  await stop(again.child);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
