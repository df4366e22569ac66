#!/usr/bin/env node
// `npm start`: checks the environment, builds the app when the sources are newer than the last
// build, starts `next start`, waits until the database is migrated (and the demo seeded), then
// prints the URL and the demo logins.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseEnv } from "../env.mjs";

const root = path.resolve(import.meta.dirname, "..");
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");

let env;
try {
  env = parseEnv(process.env);
} catch (err) {
  console.error(`\n${err.message}\n\nFix the variable(s) above and run npm start again.`);
  process.exit(1);
}

const dataDir = path.resolve(root, env.RUNBOARD_DATA_DIR);
mkdirSync(dataDir, { recursive: true });

/** A stable AUTH_SECRET for this data directory, so sessions survive restarts without any set-up. */
function authSecret() {
  if (env.AUTH_SECRET) return env.AUTH_SECRET;
  const file = path.join(dataDir, "auth-secret");
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  return readFileSync(file, "utf8").trim();
}

const SOURCES = ["app", "components", "server", "db", "lib", "public", "instrumentation.ts", "next.config.mjs", "env.mjs", "package-lock.json", "tsconfig.json", "postcss.config.mjs"];
function newestSourceMtime() {
  let newest = 0;
  const visit = (p) => {
    if (!existsSync(p)) return;
    const s = statSync(p);
    if (s.isDirectory()) {
      for (const entry of readdirSync(p)) if (entry !== "__tests__") visit(path.join(p, entry));
    } else newest = Math.max(newest, s.mtimeMs);
  };
  for (const s of SOURCES) visit(path.join(root, s));
  return newest;
}

function buildIfNeeded() {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (existsSync(buildId) && statSync(buildId).mtimeMs >= newestSourceMtime()) return;
  console.log("Building Runboard (first start or sources changed; about a minute)…");
  const r = spawnSync(process.execPath, [nextBin, "build"], { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

async function waitForHealth(url, child) {
  const deadline = Date.now() + 180_000;
  let last = "";
  while (Date.now() < deadline) {
    if (child.exitCode !== null) process.exit(child.exitCode || 1);
    try {
      const res = await fetch(url);
      const body = await res.json();
      if (res.ok) return body;
      last = body.message ?? `HTTP ${res.status}`;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  console.error(`Runboard did not become healthy within 3 minutes${last ? `: ${last}` : ""}`);
  child.kill("SIGTERM");
  process.exit(1);
}

function printBanner(health) {
  const url = `http://${env.HOST === "0.0.0.0" || env.HOST === "::" ? "localhost" : env.HOST}:${env.PORT}`;
  const lines = ["", `  Runboard ${health.version} is running at ${url}`, `  Database: ${health.database}${health.database === "pglite" ? ` (${path.join(dataDir, "pglite")})` : ""}`, `  API reference: ${url}/docs/api`];
  const demoFile = path.join(dataDir, "demo.json");
  if (env.RUNBOARD_DEMO && existsSync(demoFile)) {
    const demo = JSON.parse(readFileSync(demoFile, "utf8"));
    lines.push("", `  Demo workspace: ${url}/${demo.org}  (project ${demo.project})`, "  Demo logins (all with the password shown):");
    for (const u of demo.users) lines.push(`    ${u.email.padEnd(24)} ${u.password}   ${u.roles.join(", ")}`);
    const shown = path.relative(process.cwd(), demoFile).startsWith("..") ? demoFile : path.relative(process.cwd(), demoFile);
    lines.push(`  API token and runner token for scripts: ${shown}  (e.g. jq -r .apiToken ${shown})`);
  }
  console.log(`${lines.join("\n")}\n`);
}

buildIfNeeded();
const child = spawn(process.execPath, [nextBin, "start", "-H", env.HOST, "-p", String(env.PORT)], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, NODE_ENV: "production", AUTH_SECRET: authSecret(), AUTH_TRUST_HOST: "true", NEXT_TELEMETRY_DISABLED: "1" },
});
let runner = null;
for (const sig of ["SIGINT", "SIGTERM"]) {
  process.on(sig, () => {
    runner?.kill(sig);
    child.kill(sig);
    // Open live-update streams can hold a graceful shutdown forever; do not wait more than 10 s.
    setTimeout(() => child.kill("SIGKILL"), 10_000).unref();
  });
}
child.on("exit", (code, signal) => {
  runner?.kill("SIGTERM");
  process.exit(code ?? (signal ? 0 : 1));
});
const serverUrl = `http://${env.HOST === "0.0.0.0" ? "127.0.0.1" : env.HOST}:${env.PORT}`;
printBanner(await waitForHealth(`${serverUrl}/api/health`, child));
runner = startLocalRunner(serverUrl);

/** One runner on this machine for the demo, registered with the demo's registration token; stops with the server. */
function startLocalRunner(url) {
  const demoFile = path.join(dataDir, "demo.json");
  if (!env.RUNBOARD_LOCAL_RUNNER || !existsSync(demoFile)) return null;
  const { runnerToken } = JSON.parse(readFileSync(demoFile, "utf8"));
  if (!runnerToken) return null;
  const tsx = path.join(root, "node_modules", "tsx", "dist", "cli.mjs");
  const args = [tsx, "runner/cli.ts", "--url", url, "--name", "local", "--work-dir", path.join(dataDir, "runner")];
  const r = spawn(process.execPath, args, { cwd: root, stdio: "inherit", env: { ...process.env, RUNBOARD_RUNNER_TOKEN: runnerToken } });
  r.on("exit", (code, signal) => {
    if (signal === null && code !== 0) console.error(`The local runner stopped (exit code ${code}); set RUNBOARD_LOCAL_RUNNER=0 to start without it.`);
  });
  console.log("  Local runner started (RUNBOARD_LOCAL_RUNNER=0 to disable).\n");
  return r;
}
