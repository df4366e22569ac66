#!/usr/bin/env node
// Figures for the foundation: time for `npm start` to become healthy (fresh embedded database with
// migrations + demo seed, then a restart), and REST API latency with an API token.
// Needs a build (`npm run build`). Usage: node bench/foundation.mjs [requests=300]
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fmt, startServer, stopServer, time } from "./lib.mjs";

const REQUESTS = Number(process.argv[2] ?? 300);
const PORT = 3197;
const base = `http://localhost:${PORT}`;
const dataDir = mkdtempSync(path.join(os.tmpdir(), "runboard-bench-"));

async function latency(label, url, headers) {
  await time(20, () => fetch(url, { headers }).then((r) => r.arrayBuffer())); // warm-up
  const t0 = performance.now();
  const times = await time(REQUESTS, async () => {
    const res = await fetch(url, { headers });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${label}: HTTP ${res.status}`);
  });
  const rate = REQUESTS / ((performance.now() - t0) / 1000);
  console.log(`${label.padEnd(34)} ${fmt(times)}  ${rate.toFixed(0)} req/s sequential`);
}

try {
  const fresh = await startServer({ port: PORT, dataDir });
  console.log(`npm start → healthy, fresh database (initdb + migrate + demo seed): ${(fresh.ms / 1000).toFixed(2)} s`);
  const demo = JSON.parse(readFileSync(path.join(dataDir, "demo.json"), "utf8"));
  const auth = { authorization: `Bearer ${demo.apiToken}` };
  await latency("GET /api/health", `${base}/api/health`, {});
  await latency("GET /api/v1/me (API token)", `${base}/api/v1/me`, auth);
  await latency(`GET /api/v1/orgs/${demo.org}/projects`, `${base}/api/v1/orgs/${demo.org}/projects`, auth);
  await stopServer(fresh.child);
  const again = await startServer({ port: PORT, dataDir });
  console.log(`npm start → healthy, existing database (restart): ${(again.ms / 1000).toFixed(2)} s`);
  await stopServer(again.child);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
