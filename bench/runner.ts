// Runner protocol figures:  npx tsx bench/runner.ts [--db pglite|postgres|both] [--samples 20] [--jobs 1000] [--parts abcd] [--servers 1]
// Everything runs in this process: the real protocol handler (handleRunnerRequest) behind node:http,
// and SIMULATED runners — RunnerClient (the agent's protocol client) loops, no job processes.
// (a) pickup latency, queue → claim answer at the runner, with 1, 5 and 20 idle long-polling runners;
// (b) claims/s with 10 runner processes draining 1,000 queued jobs, double claims counted;
// (c) lost-runner detection: computed for the defaults, measured with a scaled-down lease;
// (d) `evaluate` overhead: onnxruntime-node session.run wall time vs the runtime's own profiled
//     model_run time at batch 64, for built-in train's MLP sizes (one hidden layer, 16 to 1,024 units).
// PGlite: in-memory. PostgreSQL: TEST_DATABASE_URL or postgres://postgres@127.0.0.1:5432/postgres, a fresh database.
import { readFileSync, rmSync, mkdtempSync, readdirSync } from "node:fs";
import { spawn } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { jobs } from "@/db/schema";
import { createTestDb } from "@/db/testing";
import { RunnerClient } from "@/runner/client";
import { initNetwork } from "@/runner/builtins/model";
import { toOnnx } from "@/runner/builtins/onnx";
import { DEFAULT_TIMINGS } from "@/server/services/runner-protocol/config";
import { reapJobs } from "@/server/services/runner-protocol/reaper";
import { setupRunnerWorld } from "@/server/services/runner-protocol/__tests__/testing";
import { serveRunnerProtocol } from "./runner-serve";

function arg(name: string, fallback: string) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}
const DBS = arg("db", "both") === "both" ? (["pglite", "postgres"] as const) : ([arg("db", "pglite")] as ("pglite" | "postgres")[]);
const SAMPLES = Number(arg("samples", "20"));
const JOBS = Number(arg("jobs", "1000"));
const PARTS = arg("parts", "abcd");
const SERVERS = Number(arg("servers", "1"));
const USAGE = { wallSeconds: 0.01, gpuSeconds: 0, energyWh: 0, energySource: "cpu-estimate" as const, cost: 0 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const fmt = (xs: number[]) => `median ${pct(xs, 50).toFixed(0)} ms, p95 ${pct(xs, 95).toFixed(0)} ms (n=${xs.length})`;

async function openDb(kind: "pglite" | "postgres"): Promise<Database> {
  if (kind === "postgres") process.env.TEST_DATABASE_URL ??= "postgres://postgres@127.0.0.1:5432/postgres";
  else delete process.env.TEST_DATABASE_URL;
  return createTestDb();
}

async function client(url: string, world: Awaited<ReturnType<typeof setupRunnerWorld>>, name: string) {
  const c = new RunnerClient({ url, retries: 2 });
  const reg = await c.register({ registrationToken: world.reg.token, name, labels: [], resources: { cpus: 2, memoryBytes: 2 ** 32, gpus: [] } });
  c.token = reg.token;
  return c;
}

/** (a) pickup latency with N idle runners, each long-polling (25 s) and completing what it gets at once. */
async function pickup(db: Database["db"], runnersN: number) {
  const world = await setupRunnerWorld(db);
  const srv = await serveRunnerProtocol(db);
  const clients = await Promise.all([...Array(runnersN).keys()].map((i) => client(srv.url, world, `sim-${runnersN}-${i}`)));
  const got = new Map<string, number>();
  let stop = false;
  const loops = clients.map(async (c) => {
    while (!stop) {
      const res = await c.claim({ freeGpus: 0, waitMs: 2_000 }).catch(() => null);
      if (res?.kind !== "run") continue;
      got.set(res.job.id, performance.now());
      await c.complete(res.job.id, { leaseId: res.job.leaseId, status: "succeeded", exitCode: 0, usage: USAGE });
    }
  });
  await sleep(500);
  const lat: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const job = await world.queue();
    const queuedAt = performance.now(); // committed: claimable from here
    while (!got.has(job.id)) await sleep(2);
    lat.push(got.get(job.id)! - queuedAt);
    await sleep(100 + Math.random() * 200);
  }
  stop = true;
  await Promise.all(loops);
  srv.close();
  return lat;
}

/** A bench script as a child process: bundled (BENCH_<NAME> names the .mjs, bench/gpu-bundle.sh) or through tsx. */
function spawnBench(script: string, bundled: string | undefined, env: Record<string, string>) {
  return spawn(process.execPath, bundled ? [bundled] : ["--import", "tsx", path.join(__dirname, script)], {
    env: { ...process.env, ...env },
    stdio: ["pipe", "pipe", "inherit"],
  });
}
const linesOf = (p: ReturnType<typeof spawn>) => createInterface({ input: p.stdout! })[Symbol.asyncIterator]();

/**
 * (b) claims/s: 10 runner processes (bench/runner-claimer.ts, the agent's RunnerClient) drain JOBS
 * queued jobs with claim waitMs 0, started together once all are warm; double claims counted.
 * With SERVERS > 1 (PostgreSQL only) the protocol is served by that many processes
 * (bench/runner-serve.ts) on the one database, the runners spread over them.
 */
async function throughput(db: Database["db"], kind: "pglite" | "postgres") {
  const world = await setupRunnerWorld(db);
  const servers: { url: string; cpuMs: () => Promise<number>; close: () => void }[] = [];
  if (SERVERS > 1 && kind === "postgres") {
    const url = (db as unknown as { $client: { options: { connectionString: string } } }).$client.options.connectionString;
    for (let i = 0; i < SERVERS; i++) {
      const p = spawnBench("runner-serve.ts", process.env.BENCH_SERVER, { BENCH_DATABASE_URL: url });
      const out = linesOf(p);
      const served = (await out.next()).value as string;
      servers.push({ url: served, cpuMs: async () => (p.stdin!.write("cpu\n"), Number((await out.next()).value)), close: () => p.kill() });
    }
  } else {
    const srv = await serveRunnerProtocol(db);
    const c0 = process.cpuUsage();
    servers.push({ url: srv.url, cpuMs: async () => ((c) => (c.user + c.system) / 1000)(process.cpuUsage(c0)), close: srv.close });
  }
  const clients = await Promise.all([...Array(10).keys()].map((i) => client(servers[i % servers.length]!.url, world, `tp-${i}`)));
  const procs = clients.map((c, i) => spawnBench("runner-claimer.ts", process.env.BENCH_CLAIMER, { BENCH_URL: servers[i % servers.length]!.url, BENCH_TOKEN: c.token! }));
  const lines = procs.map(linesOf);
  await Promise.all(lines.map((l) => l.next())); // "ready": each has made one (idle) claim
  const q0 = performance.now();
  for (let i = 0; i < JOBS; i++) await world.queue();
  const queueS = (performance.now() - q0) / 1000;
  const machine0 = machineBusyMs();
  const serverCpu0 = await Promise.all(servers.map((s) => s.cpuMs()));
  const c0 = process.cpuUsage();
  procs.forEach((p) => p.stdin!.write("go\n"));
  const results = await Promise.all(lines.map(async (l) => JSON.parse((await l.next()).value as string) as { ids: string[]; start: number; end: number; cpuMs: number }));
  const c1 = process.cpuUsage(c0);
  const serverCpu1 = await Promise.all(servers.map((s) => s.cpuMs()));
  const machine1 = machineBusyMs();
  servers.forEach((s) => s.close());
  const claims = new Map<string, number>();
  for (const id of results.flatMap((r) => r.ids)) claims.set(id, (claims.get(id) ?? 0) + 1);
  const seconds = (Math.max(...results.map((r) => r.end)) - Math.min(...results.map((r) => r.start))) / 1000;
  const doubles = [...claims.values()].filter((n) => n > 1).length;
  const running = (await db.select({ id: jobs.id }).from(jobs).where(eq(jobs.state, "running"))).length;
  const perClaim = (ms: number) => (ms / claims.size).toFixed(2);
  const server = serverCpu1.reduce((a, b, i) => a + b - serverCpu0[i]!, 0);
  const bench = (c1.user + c1.system) / 1000 - (servers.length > 1 ? 0 : server);
  const runners = results.reduce((a, r) => a + r.cpuMs, 0);
  const rest = machine1 - machine0 - server - runners - bench;
  const cpu =
    `CPU per claim: ${servers.length} server process${servers.length > 1 ? "es" : ""} ${perClaim(server)} ms, runner processes ${perClaim(runners)} ms, ` +
    `rest of the machine${kind === "postgres" ? " (PostgreSQL)" : ""} ${perClaim(Math.max(0, rest))} ms`;
  return { claimed: claims.size, doubles, running, seconds, perSecond: claims.size / seconds, queueS, cpu, servers: servers.length };
}

/** Busy CPU time of the whole machine (all cores), from /proc/stat: PostgreSQL is what the bench's processes do not account for. */
function machineBusyMs(): number {
  const [, ...ticks] = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = ticks as number[];
  return ((user! + nice! + system! + irq! + softirq! + steal!) * 1000) / 100; // USER_HZ = 100
}

/** (c) kill → requeue with a scaled-down lease: heartbeat the job, stop (the "kill"), time until it is queued again. */
async function lostRunner(db: Database["db"], leaseTtlMs: number, heartbeatMs: number, reaperMs: number) {
  const world = await setupRunnerWorld(db);
  const timings = { leaseTtlMs, heartbeatMs, pollMs: 100 };
  const srv = await serveRunnerProtocol(db, timings);
  const c = await client(srv.url, world, "doomed");
  const reaper = setInterval(() => void reapJobs({ db, opts: timings }).catch(() => undefined), reaperMs);
  const out: number[] = [];
  for (let i = 0; i < 5; i++) {
    const job = await world.queue({ maxAttempts: 10 });
    const res = await c.claim({ freeGpus: 0, waitMs: 5000 });
    if (res.kind !== "run") throw new Error("no job");
    const beats = 1 + Math.floor(Math.random() * 3);
    for (let b = 0; b < beats; b++) {
      await c.heartbeat(job.id, { leaseId: res.job.leaseId });
      await sleep(Math.random() * heartbeatMs);
    }
    const killedAt = performance.now();
    for (;;) {
      const [row] = await db.select({ state: jobs.state }).from(jobs).where(eq(jobs.id, job.id));
      if (row!.state === "queued") break;
      await sleep(20);
    }
    out.push(performance.now() - killedAt);
    await db.update(jobs).set({ state: "cancelled" }).where(eq(jobs.id, job.id));
  }
  clearInterval(reaper);
  srv.close();
  return out;
}

/** (d) onnxruntime-node: JS wall time of session.run vs the profiler's model_run, batch 64, an MLP 32→hidden→1. */
async function evaluateOverhead(hidden: number) {
  const ort = await import("onnxruntime-node");
  const F = 32;
  const net = initNetwork(F, [hidden], 7);
  const model = toOnnx(net, { mean: Array(F).fill(0), std: Array(F).fill(1) });
  const dir = mkdtempSync(path.join(os.tmpdir(), "ort-prof-"));
  const session = await ort.InferenceSession.create(model, { enableProfiling: true, profileFilePrefix: path.join(dir, "prof"), intraOpNumThreads: 1 });
  const x = Float32Array.from({ length: 64 * F }, () => Math.random());
  const input = session.inputNames[0]!;
  const N = 2000;
  for (let i = 0; i < 200; i++) await session.run({ [input]: new ort.Tensor("float32", x, [64, F]) });
  const wall: number[] = [];
  for (let i = 0; i < N; i++) {
    const t = performance.now();
    await session.run({ [input]: new ort.Tensor("float32", x, [64, F]) });
    wall.push((performance.now() - t) * 1000);
  }
  session.endProfiling();
  await session.release();
  const file = readdirSync(dir).find((f) => f.endsWith(".json"));
  const trace = JSON.parse(readFileSync(path.join(dir, file!), "utf8")) as { name: string; cat: string; dur: number }[];
  const runs = trace.filter((e) => e.cat === "Session" && e.name === "model_run").map((e) => e.dur).slice(-N);
  rmSync(dir, { recursive: true, force: true });
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  return { wallUs: sum(wall) / N, modelUs: sum(runs) / runs.length, medianWall: pct(wall, 50), medianModel: pct(runs, 50), n: runs.length };
}

async function main() {
  console.log(`runner bench — ${os.cpus().length} CPUs, node ${process.version}; simulated runners: the agent's RunnerClient, no job processes; protocol handler behind node:http`);
  for (const kind of /[abc]/.test(PARTS) ? DBS : []) {
    const database = await openDb(kind);
    console.log(`\n== ${kind} ==`);
    if (PARTS.includes("a")) for (const n of [1, 5, 20]) console.log(`(a) pickup latency, ${String(n).padStart(2)} idle runner(s): ${fmt(await pickup(database.db, n))}`);
    const tp = PARTS.includes("b") ? await throughput(database.db, kind) : null;
    if (tp) console.log(
      `(b) claims: ${tp.claimed}/${JOBS} jobs claimed by 10 runner processes through ${tp.servers} server process${tp.servers > 1 ? "es" : ""} in ${tp.seconds.toFixed(2)} s = ${tp.perSecond.toFixed(0)} claims/s; double claims: ${tp.doubles}; rows running: ${tp.running} (queueing took ${tp.queueS.toFixed(1)} s); ${tp.cpu}`,
    );
    const lost = PARTS.includes("c") ? await lostRunner(database.db, 3000, 1000, 500) : null;
    if (lost) console.log(`(c) lost runner, scaled lease 3 s / heartbeat 1 s / reaper 0.5 s: kill → requeued ${fmt(lost)}`);
    await database.close();
  }
  const t = DEFAULT_TIMINGS;
  if (PARTS.includes("c"))
    console.log(
    `\n(c) lost runner, defaults (computed): lease ${t.leaseTtlMs / 1000} s, heartbeat ${t.heartbeatMs / 1000} s, reaper timer 10 s (and claims reap, at most once a second): ` +
      `kill → requeue = lease − time since last heartbeat + reaper lag ∈ [${(t.leaseTtlMs - t.heartbeatMs) / 1000}, ${t.leaseTtlMs / 1000 + 10}] s`,
  );
  // Built-in train's MLP has one hidden layer of 1 to 1,024 units (16 by default).
  if (PARTS.includes("d")) {
    for (const hidden of [16, 64, 256, 1024]) {
      const ev = await evaluateOverhead(hidden);
      console.log(
        `(d) evaluate (onnxruntime-node, MLP 32→${hidden}→1, batch 64, ${ev.n} runs): session.run wall ${ev.wallUs.toFixed(1)} µs mean / ${ev.medianWall.toFixed(1)} µs median; ` +
          `profiled model_run ${ev.modelUs.toFixed(1)} µs mean / ${ev.medianModel.toFixed(1)} µs median; ratio ${(ev.wallUs / ev.modelUs).toFixed(2)}× mean, ${(ev.medianWall / ev.medianModel).toFixed(2)}× median; ` +
          `overhead ${(ev.wallUs - ev.modelUs).toFixed(1)} µs per call`,
      );
    }
  }
  process.exit(0);
}

void main();
