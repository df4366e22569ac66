import type { ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobLogs, jobs, metrics, runners } from "@/db/schema";
import { withTestDb } from "@/db/with-test-db";
import { serveFetchHandler, type NodeServer } from "@/server/http/node-server";
import { handleMlflowArtifactsRequest } from "@/server/http/mlflow/artifacts";
import { handleMlflowRequest } from "@/server/http/mlflow/handler";
import { tempArtifactStore } from "@/server/http/mlflow/testing";
import { handleRunnerRequest } from "@/server/http/runner/handler";
import { parseRunId } from "@/server/services/mlflow/internal";
import type { RunnerTimings } from "@/server/services/runner-protocol/config";
import { reapJobs } from "@/server/services/runner-protocol/reaper";
import { setupRunnerWorld } from "@/server/services/runner-protocol/__tests__/testing";
import { alive, startAgent, stopAgents, until } from "./agent-process";
import { chaosConfig } from "./chaos-config";

/**
 * Chaos (a) with a ledger: real agents (tsx runner/cli.ts) against the real runner protocol and MLflow
 * handlers over HTTP. Each job sets up, trains (`::metric` lines), uploads an artifact through the
 * MLflow artifact API with its per-job token, and waits before it exits; it marks its phase in a file.
 * The test kills (SIGKILL) the agent running a job's first attempt at a seeded random phase and offset,
 * restarts that agent (same runner), and, once the job is requeued, replays the dead attempt's writes
 * with its old lease and token. Semantics (see chaos.int.test.ts): jobs run at least once; an attempt's
 * points stay, so each (run, key, step) has at most one point per attempt (value = attempt·1000 + step).
 */
const chaos = chaosConfig("runner-chaos");
const KILLS = chaos.long ? 20 : 3;
const TIMINGS: Partial<RunnerTimings> = { leaseTtlMs: 3000, heartbeatMs: 1000, pollMs: 3000 };
const PHASES = ["setup", "train", "upload", "uploaded"] as const;
type Phase = (typeof PHASES)[number];
const STEPS = 8;
const ARTIFACT_BYTES = 48 * 1024;
/** How long each phase lasts (s): the upload is rate-limited so a kill can land in the middle of it. */
const PHASE_S: Record<Phase, number> = { setup: 0.6, train: STEPS * 0.15, upload: 1.5, uploaded: 1 };
const AGENTS = ["chaos-a", "chaos-b", "chaos-c"];
const agentArgs = ["--claim-wait-ms", "10000", "--kill-grace-ms", "1000"];

const JOB = `
base="$CHAOS_DIR/$RUNBOARD_JOB_ID-$RUNBOARD_JOB_ATTEMPT"
echo "$$" > "$base.pid"
printf '%s\\n' "$MLFLOW_TRACKING_URI" "$MLFLOW_EXPERIMENT_ID" "$MLFLOW_RUN_ID" "$MLFLOW_TRACKING_TOKEN" > "$base.env"
phase() { echo "$1" > "$base.tmp" && mv "$base.tmp" "$base.phase"; echo "phase $1 attempt $RUNBOARD_JOB_ATTEMPT"; }
phase setup; sleep ${PHASE_S.setup}
phase train
for i in $(seq 0 ${STEPS - 1}); do
  echo "::metric name=loss step=$i value=$((RUNBOARD_JOB_ATTEMPT * 1000 + i))"; sleep 0.15
done
phase upload
head -c ${ARTIFACT_BYTES} /dev/urandom > model.bin
curl -sSf --limit-rate 32k -T model.bin -H "Authorization: Bearer $MLFLOW_TRACKING_TOKEN" \\
  "$MLFLOW_TRACKING_URI/api/2.0/mlflow-artifacts/artifacts/$MLFLOW_EXPERIMENT_ID/$MLFLOW_RUN_ID/artifacts/model-$RUNBOARD_JOB_ATTEMPT.bin"
phase uploaded; sleep ${PHASE_S.uploaded}
phase done`;

const database = withTestDb();
const store = tempArtifactStore();
const chaosDir = mkdtempSync(path.join(os.tmpdir(), "runner-chaos-ledger-"));
const workDirs = Object.fromEntries(AGENTS.map((n) => [n, mkdtempSync(path.join(os.tmpdir(), `runner-${n}-`))]));
const agents = new Map<string, ChildProcess>();
let server: NodeServer;
let reaper: NodeJS.Timeout;
let world: Awaited<ReturnType<typeof setupRunnerWorld>>;

beforeAll(async () => {
  world = await setupRunnerWorld(database.db);
  server = await serveFetchHandler(async (request) => {
    const { pathname } = new URL(request.url);
    const art = /^\/mlflow\/([^/]+)\/([^/]+)\/api\/2\.0\/mlflow-artifacts\/artifacts\/(.*)$/.exec(pathname);
    if (art) return handleMlflowArtifactsRequest(request, { db: database.db, store, org: art[1]!, project: art[2]!, segments: art[3]!.split("/").map(decodeURIComponent) });
    const api = /^\/mlflow\/([^/]+)\/([^/]+)\/api\/2\.0\/mlflow\/(.+)$/.exec(pathname);
    if (api) return handleMlflowRequest(request, { db: database.db, store, org: api[1]!, project: api[2]!, path: api[3]! });
    return handleRunnerRequest(request, database.db, TIMINGS, store);
  });
  reaper = setInterval(() => void reapJobs({ db: database.db, opts: TIMINGS }).catch(() => undefined), 500);
  for (const name of AGENTS) agents.set(name, startAgent({ url: server.url, token: world.reg.token, name, workDir: workDirs[name], args: agentArgs }));
  await until("the runners registered", async () => (await database.db.select().from(runners)).length === AGENTS.length);
}, 60_000);

afterAll(async () => {
  clearInterval(reaper);
  await stopAgents(agents.values(), server);
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const stateOf = async (id: string) => (await database.db.select().from(jobs).where(eq(jobs.id, id)))[0]!;
const read = (file: string) => (existsSync(file) ? readFileSync(file, "utf8").trim() : "");

/** Kill phases for the run: every phase equally often, in a seeded order. */
function killPlan(n: number) {
  const plan = Array.from({ length: Math.ceil(n / PHASES.length) }, () => [...PHASES]).flat();
  for (let i = plan.length - 1; i > 0; i--) {
    const j = Math.floor(chaos.random() * (i + 1));
    [plan[i], plan[j]] = [plan[j]!, plan[i]!];
  }
  return plan.slice(0, n).map((phase) => ({ phase, offsetMs: Math.round(chaos.random() * PHASE_S[phase] * 900) }));
}

/** Replays what the killed attempt could still send, with its old lease and tokens; returns the statuses. */
async function replayStale(jobId: string, leaseId: string, runnerToken: string, attemptEnv: string[]) {
  const [trackingUri, experimentId, runId, trackingToken] = attemptEnv;
  const post = async (url: string, token: string, body: unknown, method = "POST") =>
    (await fetch(url, { method, headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: typeof body === "string" ? body : JSON.stringify(body) })).status;
  const protocol = `${server.url}/api/runner/v1/jobs/${jobId}`;
  const point = { key: "loss", value: -1, step: 0, timestamp: Date.now() };
  const usage = { wallSeconds: 1, gpuSeconds: 0, energyWh: 0, energySource: "cpu-estimate" };
  return {
    logs: await post(`${protocol}/logs`, runnerToken, { leaseId, chunks: [{ seq: 0, stream: "stdout", text: "STALE WRITE\n", metrics: [point] }] }),
    heartbeat: await post(`${protocol}/heartbeat`, runnerToken, { leaseId, waitMs: 0 }),
    complete: await post(`${protocol}/complete`, runnerToken, { leaseId, status: "failed", exitCode: 1, failureReason: "STALE", usage }),
    logBatch: await post(`${trackingUri}/api/2.0/mlflow/runs/log-batch`, trackingToken!, { run_id: runId, metrics: [point] }),
    artifact: await post(`${trackingUri}/api/2.0/mlflow-artifacts/artifacts/${experimentId}/${runId}/artifacts/stale.bin`, trackingToken!, "STALE", "PUT"),
  };
}

describe("runner chaos with a ledger", () => {
  it(`kill -9 of a runner ${KILLS} times at random phases: no job lost, no point twice per attempt, no stale write accepted`, async () => {
    const ledger = { queued: 0, finished: 0, attempts: 0, kills: 0, interrupted: 0, missed: 0, killsByPhase: {} as Record<string, number>, duplicates: 0, staleRefused: 0, staleAccepted: 0, lost: 0 };
    const queued: string[] = [];
    const stale: Promise<Record<string, number>>[] = [];
    const pids: number[] = [];
    const queue = async () => {
      const job = await world.queue({ spec: { kind: "command", command: JOB, env: { CHAOS_DIR: chaosDir } }, maxAttempts: 6 });
      queued.push(job.id);
      ledger.queued++;
      return job;
    };
    for (const { phase, offsetMs } of killPlan(KILLS)) {
      // Under heavy load a first attempt may lose its lease (or finish) before the planned moment: then take a new job.
      for (let tries = 0; ; tries++) {
        const job = await queue();
        const base = path.join(chaosDir, `${job.id}-1`);
        const onAttempt1 = (j: typeof jobs.$inferSelect) => j.attempt === 1 && ["queued", "running"].includes(j.state);
        await until(`attempt 1 of job ${queued.length} in phase ${phase}`, async () =>
          PHASES.indexOf(read(`${base}.phase`) as Phase) >= PHASES.indexOf(phase) || !onAttempt1(await stateOf(job.id)), { ms: 60_000, everyMs: 20 });
        await sleep(offsetMs);
        const row = await stateOf(job.id);
        if (row.state !== "running" || row.attempt !== 1) {
          ledger.missed++;
          expect(tries).toBeLessThan(3);
          continue;
        }
        const [victim] = await database.db.select().from(runners).where(eq(runners.id, row.runnerId!));
        const agent = agents.get(victim!.name)!;
        const gone = new Promise((r) => agent.once("exit", r));
        agent.kill("SIGKILL");
        await gone;
        ledger.kills++;
        ledger.killsByPhase[phase] = (ledger.killsByPhase[phase] ?? 0) + 1;
        pids.push(Number(read(`${base}.pid`)));
        agents.set(victim!.name, startAgent({ url: server.url, token: world.reg.token, name: victim!.name, workDir: workDirs[victim!.name], args: agentArgs }));
        const runnerToken = (JSON.parse(readFileSync(path.join(workDirs[victim!.name]!, "runner.json"), "utf8")) as { token: string }).token;
        const attemptEnv = read(`${base}.env`).split("\n");
        // Replay once the job is requeued (or, if the kill came just after it completed, once it is final).
        const settled = until(`job ${job.id} requeued`, async () => {
          const j = await stateOf(job.id);
          return j.attempt > 1 || ["succeeded", "failed", "cancelled"].includes(j.state) ? j : null;
        }, { ms: 30_000, everyMs: 50 });
        stale.push(settled.then((j) => (j.attempt > 1 && ledger.interrupted++, replayStale(job.id, row.leaseId!, runnerToken, attemptEnv))));
        break;
      }
    }

    for (const statuses of await Promise.all(stale)) {
      for (const status of Object.values(statuses)) {
        if (status >= 200 && status < 300) ledger.staleAccepted++;
        else ledger.staleRefused++;
      }
      expect(statuses).toEqual({ logs: 409, heartbeat: 409, complete: 409, logBatch: 401, artifact: 401 });
    }
    for (const id of queued) {
      const done = await until(`job ${id} to finish`, async () => {
        const j = await stateOf(id);
        return ["succeeded", "failed", "cancelled"].includes(j.state) ? j : null;
      }, { ms: chaos.long ? 300_000 : 90_000, everyMs: 200 });
      ledger.attempts += done.attempt;
      if (done.state === "succeeded") ledger.finished++;
      else ledger.lost++;

      // Each attempt's points once; the finishing attempt logged every step; nothing from the replays.
      const points = await database.db.select({ step: metrics.step, value: metrics.value }).from(metrics).where(eq(metrics.runId, parseRunId(done.runId)!));
      const perAttempt = new Map<string, number>();
      for (const p of points) perAttempt.set(`${Math.floor(p.value / 1000)}/${p.step}`, (perAttempt.get(`${Math.floor(p.value / 1000)}/${p.step}`) ?? 0) + 1);
      ledger.duplicates += [...perAttempt.values()].reduce((n, c) => n + c - 1, 0);
      expect(points.every((p) => p.value >= 1000 && p.value % 1000 === p.step && p.value < (done.attempt + 1) * 1000)).toBe(true);
      expect(points.filter((p) => Math.floor(p.value / 1000) === done.attempt).map((p) => p.step).sort((a, b) => a - b)).toEqual([...Array(STEPS).keys()]);
      // Artifacts: only whole files (a killed upload leaves nothing), the finishing attempt's among them, none from the replays.
      const [, experimentId, runId] = read(path.join(chaosDir, `${id}-${done.attempt}.env`)).split("\n");
      const dir = path.join(store.root, "projects", world.project.id, experimentId!, runId!, "artifacts");
      const files = readdirSync(dir).map((name) => ({ name, size: statSync(path.join(dir, name)).size }));
      expect(files.map((f) => f.name)).toContain(`model-${done.attempt}.bin`);
      expect(files.filter((f) => !/^model-\d\.bin$/.test(f.name) || f.size !== ARTIFACT_BYTES)).toEqual([]);
    }
    const staleLogs = await database.db.select({ n: sql<number>`count(*)::int` }).from(jobLogs).where(sql`${jobLogs.text} like '%STALE%'`);

    chaos.log(
      `jobs queued=${ledger.queued} finished=${ledger.finished} lost=${ledger.lost} attempts=${ledger.attempts} kills=${ledger.kills} ` +
        `interrupted=${ledger.interrupted} missed-moments=${ledger.missed} ` +
        `by-phase=${JSON.stringify(ledger.killsByPhase)} duplicates=${ledger.duplicates} stale-writes-refused=${ledger.staleRefused} stale-writes-accepted=${ledger.staleAccepted}`,
    );
    expect(ledger).toMatchObject({ finished: ledger.queued, lost: 0, kills: KILLS, duplicates: 0, staleAccepted: 0 });
    expect(ledger.attempts).toBeGreaterThanOrEqual(ledger.queued + ledger.interrupted);
    expect(ledger.interrupted).toBeGreaterThan(KILLS / 2); // a kill just after the job completed interrupts nothing
    expect(staleLogs[0]!.n).toBe(0);
    expect(pids.filter(alive)).toEqual([]);
  }, chaos.long ? 900_000 : 150_000);
});
