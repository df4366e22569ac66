import type { ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobs, metrics, runners } from "@/db/schema";
import { withTestDb } from "@/db/with-test-db";
import { serveFetchHandler, type NodeServer } from "@/server/http/node-server";
import { handleRunnerRequest } from "@/server/http/runner/handler";
import { parseRunId } from "@/server/services/mlflow/internal";
import type { RunnerTimings } from "@/server/services/runner-protocol/config";
import { getJob, getJobLogs } from "@/server/services/jobs/read-jobs";
import { reapJobs } from "@/server/services/runner-protocol/reaper";
import { setupRunnerWorld } from "@/server/services/runner-protocol/__tests__/testing";
import { alive, startAgent, stopAgents, until } from "./agent-process";

/**
 * Chaos: a real server (node:http around the protocol handler, 3 s leases, the reaper on a 500 ms
 * timer) and two real agent processes (tsx runner/cli.ts). The runner holding a job is killed with
 * SIGKILL mid-job; the job must be requeued as attempt 2 and finished by the other runner.
 *
 * Semantics checked ("no lost and no duplicated"):
 * - logs: every (attempt, seq) chunk is stored once (unique index; retries are ignored) and the
 *   stored seqs of each attempt are gap-free from 0 — attempt 1 up to the last chunk accepted
 *   under its live lease, attempt 2 to the end. Logs are queryable per attempt.
 * - metrics (MLflow-style, on the job's one run): points of attempt 1 accepted under its valid
 *   lease stay; attempt 2 logs its own. So each step has exactly one point per attempt that
 *   logged it, and attempt 1's points are exactly the `::metric` lines of its stored chunks.
 * - the killed agent's job process group dies with it (stdin-pipe watchdog in the executor).
 */
const TIMINGS: Partial<RunnerTimings> = { leaseTtlMs: 3000, heartbeatMs: 1000, pollMs: 3000 };
const STEPS = 12;
const database = withTestDb();
let server: NodeServer;
let reaper: NodeJS.Timeout;
let world: Awaited<ReturnType<typeof setupRunnerWorld>>;
const agents = new Map<string, ChildProcess>();
const pidDir = mkdtempSync(path.join(os.tmpdir(), "runner-chaos-pids-"));

/** Chaos steps are short: poll often. */
const POLL = { ms: 20_000, everyMs: 50 };
const agentArgs = ["--claim-wait-ms", "10000", "--kill-grace-ms", "1000"];

beforeAll(async () => {
  world = await setupRunnerWorld(database.db);
  server = await serveFetchHandler((request) => handleRunnerRequest(request, database.db, TIMINGS));
  reaper = setInterval(() => void reapJobs({ db: database.db, opts: TIMINGS }).catch(() => undefined), 500);
  for (const name of ["chaos-a", "chaos-b"]) agents.set(name, startAgent({ url: server.url, token: world.reg.token, name, args: agentArgs }));
  await until("both runners registered and polling", async () => (await database.db.select().from(runners)).length === 2);
  await new Promise((r) => setTimeout(r, 500));
}, 60_000);

afterAll(async () => {
  clearInterval(reaper);
  await stopAgents(agents.values(), server);
});

const pidsOf = (attempt: number) => {
  const file = path.join(pidDir, `attempt-${attempt}`);
  return existsSync(file) ? readFileSync(file, "utf8").trim().split(/\s+/).map(Number).filter(Boolean) : [];
};

const stateOf = async (id: string) => (await database.db.select().from(jobs).where(eq(jobs.id, id)))[0]!;

// Each attempt does the same steps; the value tells the attempts apart (attempt * 100 + step).
const TRAIN = `
sleep 300 & echo "$$ $!" > "$PIDDIR/attempt-$RUNBOARD_JOB_ATTEMPT"
for i in $(seq 0 $((STEPS - 1))); do
  echo "attempt $RUNBOARD_JOB_ATTEMPT step $i"
  echo "::metric name=loss step=$i value=$((RUNBOARD_JOB_ATTEMPT * 100 + i))"
  sleep 0.25
done`;

describe("runner chaos", () => {
  it("a job queued while runners long-poll starts within 1 s (wake-up on queue, not the 3 s poll)", async () => {
    for (let i = 0; i < 3; i++) {
      const queuedAt = Date.now();
      const job = await world.queue({ spec: { kind: "command", command: "echo quick" } });
      await until("the claim", async () => (await stateOf(job.id)).state !== "queued", { ms: 5_000, everyMs: 10 });
      expect(Date.now() - queuedAt).toBeLessThan(1000);
      await until("success", async () => (await stateOf(job.id)).state === "succeeded", { ms: 10_000, everyMs: 50 });
      await new Promise((r) => setTimeout(r, 300)); // both agents back in their long poll
    }
  }, 30_000);

  it("kill -9 of the runner mid-job: requeued, finished by the other runner, nothing lost or duplicated, no orphan", async () => {
    const job = await world.queue({ spec: { kind: "command", command: TRAIN, env: { STEPS: String(STEPS), PIDDIR: pidDir } }, maxAttempts: 3 });
    const first = await until("attempt 1 to log step 4", async () => {
      const logs = await getJobLogs({ ctx: world.dev, input: { id: job.id, attempt: 1 } });
      return logs.lines.some((l) => l.text.includes("step=4 ")) ? stateOf(job.id) : null;
    }, POLL);
    expect(first).toMatchObject({ state: "running", attempt: 1 });
    const [victim] = await database.db.select().from(runners).where(eq(runners.id, first.runnerId!));
    const attempt1Pids = pidsOf(1);
    expect(attempt1Pids).toHaveLength(2);
    expect(attempt1Pids.every(alive)).toBe(true);

    agents.get(victim!.name)!.kill("SIGKILL");
    await until("attempt 1's processes to die with their agent", async () => !attempt1Pids.some(alive), { ms: 3_000, everyMs: 50 });

    const second = await until("attempt 2 on the other runner", async () => {
      const j = await stateOf(job.id);
      return j.attempt === 2 && j.state === "running" ? j : null;
    }, { ms: 15_000, everyMs: 50 });
    expect(second.runnerId).not.toBe(victim!.id);
    const done = await until("success", async () => {
      const j = await getJob({ ctx: world.dev, input: { id: job.id } });
      return j.state === "succeeded" ? j : null;
    }, POLL);
    expect(done).toMatchObject({ attempt: 2, exitCode: 0 });
    expect(done.runner?.name).not.toBe(victim!.name);

    // Logs, split by attempt: each chunk once, gap-free seqs, each step line exactly once per attempt.
    const byAttempt = async (attempt: number) => (await getJobLogs({ ctx: world.dev, input: { id: job.id, attempt } })).lines;
    const [a1, a2] = [await byAttempt(1), await byAttempt(2)];
    const all = (await getJobLogs({ ctx: world.dev, input: { id: job.id } })).lines;
    expect(all.length).toBe(a1.length + a2.length);
    for (const lines of [a1, a2]) {
      const seqs = lines.filter((l) => l.seq >= 0).map((l) => l.seq).sort((x, y) => x - y);
      expect(seqs).toEqual(seqs.map((_, i) => i));
    }
    expect(a1.some((l) => l.stream === "system" && l.text.includes("lease expired on attempt 1"))).toBe(true);
    const stepLines = (lines: typeof a1, attempt: number) =>
      lines.flatMap((l) => l.text.split("\n")).filter((t) => t.startsWith(`attempt ${attempt} step `)).map((t) => Number(t.split(" ")[3]));
    const steps1 = stepLines(a1, 1);
    expect(steps1).toEqual(steps1.map((_, i) => i)); // a gap-free prefix of 0..STEPS-1
    expect(steps1.length).toBeGreaterThanOrEqual(5);
    expect(steps1.length).toBeLessThan(STEPS);
    expect(stepLines(a2, 2)).toEqual([...Array(STEPS).keys()]);

    // Metrics: attempt 1's points are exactly those of its stored chunks; attempt 2 logs all steps; none twice.
    const metricSteps1 = a1
      .flatMap((l) => l.text.split("\n"))
      .filter((t) => t.startsWith("::metric"))
      .map((t) => Number(/step=(\d+)/.exec(t)![1]));
    const points = await database.db.select({ step: metrics.step, value: metrics.value }).from(metrics).where(eq(metrics.runId, parseRunId(job.runId)!));
    const expected = [...metricSteps1.map((s) => ({ step: s, value: 100 + s })), ...[...Array(STEPS).keys()].map((s) => ({ step: s, value: 200 + s }))];
    const order = (p: { step: number; value: number }[]) => [...p].sort((x, y) => x.value - y.value);
    expect(order(points)).toEqual(order(expected));

    // Nothing of attempt 1 survives; attempt 2's group is gone too once the job finished.
    expect([...attempt1Pids, ...pidsOf(2)].filter(alive)).toEqual([]);
  }, 60_000);

  it("secret env values are masked in stored logs (even split across writes) and not returned by the jobs API", async () => {
    const secret = "sk-chaos-0123456789";
    const job = await world.queue({
      spec: {
        kind: "command",
        command: `echo "key is $API_KEY"; printf 'split %s' "\${API_KEY:0:7}"; sleep 0.7; printf '%s done\\n' "\${API_KEY:7}"; echo "plain $PLAIN"`,
        env: { API_KEY: secret, PLAIN: "visible" },
        secretEnv: ["API_KEY"],
      },
    });
    expect(job.spec).toMatchObject({ env: { API_KEY: "***", PLAIN: "visible" }, secretEnv: ["API_KEY"] });
    expect(JSON.stringify(job)).not.toContain(secret);
    await until("success", async () => (await stateOf(job.id)).state === "succeeded", POLL);
    const text = (await getJobLogs({ ctx: world.dev, input: { id: job.id } })).lines.map((l) => l.text).join("");
    expect(text).toContain("key is ***\n");
    expect(text).toContain("split *** done\n");
    expect(text).toContain("plain visible");
    expect(text).not.toContain(secret);
    expect(text).not.toContain("0123456789");
    const got = await getJob({ ctx: world.dev, input: { id: job.id } });
    expect(JSON.stringify(got)).not.toContain(secret);
  }, 30_000);
});
