#!/usr/bin/env node
// Starts the built app on a fresh PostgreSQL database (DATABASE_URL), checks that the same
// migrations and demo seed work there, and stops it. Usage: node scripts/smoke-postgres.mjs postgres://…/postgres
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
const port = 3198;

const child = spawn(process.execPath, ["scripts/start.mjs"], {
  env: { ...process.env, DATABASE_URL: url.toString(), RUNBOARD_DATA_DIR: dataDir, PORT: String(port), HOST: "localhost", LOG_LEVEL: "warn" },
  stdio: ["ignore", "inherit", "inherit"],
});
let failed = false;
try {
  const deadline = Date.now() + 120_000;
  let health;
  while (Date.now() < deadline) {
    health = await fetch(`http://localhost:${port}/api/health`).then((r) => (r.ok ? r.json() : null), () => null);
    if (health) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  if (health?.database !== "postgres") throw new Error(`health did not report postgres: ${JSON.stringify(health)}`);
  const demo = JSON.parse(readFileSync(path.join(dataDir, "demo.json"), "utf8"));
  const me = await fetch(`http://localhost:${port}/api/v1/orgs/${demo.org}/projects`, { headers: { authorization: `Bearer ${demo.apiToken}` } });
  const projects = await me.json();
  if (!me.ok || !projects.some((p) => p.key === demo.project)) throw new Error(`demo project missing: ${JSON.stringify(projects)}`);
  console.log(`PostgreSQL smoke test passed: health ok, demo seeded, ${projects.length} projects via the REST API`);
} catch (err) {
  failed = true;
  console.error(err);
} finally {
  child.kill("SIGTERM");
  await new Promise((r) => child.once("exit", r));
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
}
process.exit(failed ? 1 : 0);
