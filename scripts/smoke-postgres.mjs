#!/usr/bin/env node
// Starts the built app twice on one fresh PostgreSQL database (DATABASE_URL), as two web processes
// behind a load balancer would run, and checks: the same migrations and demo seed work there, the
// REST API answers, and a card created through one process reaches a live board subscription on
// the other within a second (LISTEN/NOTIFY). Usage: node scripts/smoke-postgres.mjs postgres://…/postgres
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";

const serverUrl = process.argv[2] ?? process.env.TEST_DATABASE_URL;
if (!serverUrl) throw new Error("usage: smoke-postgres.mjs postgres://user@host:port/db");
const name = `rb_smoke_${Date.now()}`;
const admin = new pg.Client({ connectionString: serverUrl });
await admin.connect();
await admin.query(`create database ${name}`);
const url = new URL(serverUrl);
url.pathname = `/${name}`;
const dataDir = mkdtempSync(path.join(os.tmpdir(), "runboard-smoke-"));
const env = { ...process.env, DATABASE_URL: url.toString(), RUNBOARD_DATA_DIR: dataDir, HOST: "localhost", LOG_LEVEL: "warn", AUTH_SECRET: "smoke-secret-smoke-secret-smoke-secret-42" };
const start = (port) => spawn(process.execPath, ["scripts/start.mjs"], { env: { ...env, PORT: String(port) }, stdio: ["ignore", "ignore", "inherit"] });

async function healthy(port) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const health = await fetch(`http://localhost:${port}/api/health`).then((r) => (r.ok ? r.json() : null), () => null);
    if (health) return health;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`server on ${port} did not become healthy`);
}

/** Reads the tRPC server-sent events stream until `match` sees a data line, or the timeout passes. */
async function waitForEvent(res, match, timeoutMs) {
  const reader = res.body.getReader();
  try {
    return await readUntil(reader, match, timeoutMs);
  } finally {
    await reader.cancel().catch(() => undefined); // close the stream, or the server's shutdown waits for it
  }
}

async function readUntil(reader, match, timeoutMs) {
  const decoder = new TextDecoder();
  let buffer = "";
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const chunk = await Promise.race([reader.read(), new Promise((r) => setTimeout(() => r(null), deadline - Date.now()))]);
    if (!chunk || chunk.done) break;
    buffer += decoder.decode(chunk.value, { stream: true });
    for (const line of buffer.split("\n")) if (line.startsWith("data:") && match(line)) return true;
  }
  return false;
}

const a = start(3198);
let b;
let failed = false;
try {
  const health = await healthy(3198); // the first process migrates and seeds
  if (health.database !== "postgres") throw new Error(`health did not report postgres: ${JSON.stringify(health)}`);
  b = start(3195);
  await healthy(3195);
  const demo = JSON.parse(readFileSync(path.join(dataDir, "demo.json"), "utf8"));
  const auth = { authorization: `Bearer ${demo.apiToken}` };
  const res = await fetch(`http://localhost:3198/api/v1/orgs/${demo.org}/projects`, { headers: auth });
  const projects = await res.json();
  if (!res.ok || !projects.some((p) => p.key === demo.project)) throw new Error(`demo project missing: ${JSON.stringify(projects)}`);

  const input = encodeURIComponent(JSON.stringify({ json: { org: demo.org, key: demo.project } }));
  const stream = await fetch(`http://localhost:3195/api/trpc/board.events?input=${input}`, { headers: { ...auth, accept: "text/event-stream" } });
  if (!stream.ok) throw new Error(`subscription: HTTP ${stream.status}`);
  await new Promise((r) => setTimeout(r, 500)); // let the subscription attach
  const t0 = performance.now();
  const created = fetch(`http://localhost:3198/api/v1/orgs/${demo.org}/projects/${demo.project}/cards`, {
    method: "POST",
    headers: { ...auth, "content-type": "application/json" },
    body: JSON.stringify({ title: "Created on process A" }),
  }).then((r) => r.json());
  const seen = await waitForEvent(stream, (line) => line.includes('"topic":"card"'), 1000);
  const card = await created;
  if (!seen) throw new Error(`process B did not see ${card.key} within a second`);
  console.log(`PostgreSQL smoke test passed: health ok, demo seeded, ${projects.length} projects via REST, ${card.key} created on one process reached the other's live board in ${(performance.now() - t0).toFixed(0)} ms`);
} catch (err) {
  failed = true;
  console.error(err);
} finally {
  for (const child of [a, b].filter(Boolean)) {
    child.kill("SIGTERM");
    await new Promise((r) => (child.exitCode !== null ? r() : child.once("exit", r)));
  }
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
}
process.exit(failed ? 1 : 0);
