import type { ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { metrics } from "@/db/schema";
import { withTestDb } from "@/db/with-test-db";
import { serveFetchHandler, type NodeServer } from "@/server/http/node-server";
import { handleRunnerRequest } from "@/server/http/runner/handler";
import { parseRunId } from "@/server/services/mlflow/internal";
import { cancelJob } from "@/server/services/jobs/cancel-job";
import { getJob, getJobLogs } from "@/server/services/jobs/read-jobs";
import { setupRunnerWorld } from "@/server/services/runner-protocol/__tests__/testing";
import { alive, startAgent, stopAgents, until } from "./agent-process";

/** The real agent (runner/cli.ts, a child process) against the real protocol handler over HTTP. */
const database = withTestDb();
let server: NodeServer;
let agent: ChildProcess;
let world: Awaited<ReturnType<typeof setupRunnerWorld>>;
const workDir = mkdtempSync(path.join(os.tmpdir(), "runner-e2e-"));
const pidDir = mkdtempSync(path.join(os.tmpdir(), "runner-e2e-pids-"));

beforeAll(async () => {
  world = await setupRunnerWorld(database.db);
  server = await serveFetchHandler((request) => handleRunnerRequest(request, database.db, { leaseTtlMs: 15_000, heartbeatMs: 2_000, pollMs: 100 }));
  agent = startAgent({ url: server.url, token: world.reg.token, name: "e2e", workDir, args: ["--claim-wait-ms", "500", "--kill-grace-ms", "1000", "--concurrency", "2"] });
}, 60_000);

afterAll(() => stopAgents([agent], server));

const readPids = (file: string) =>
  existsSync(file) && readFileSync(file, "utf8").trim().split(/\s+/).length === 2 ? readFileSync(file, "utf8").trim().split(/\s+/).map(Number) : null;

const SCRIPT = `
echo "run=$MLFLOW_RUN_ID exp=$MLFLOW_EXPERIMENT_ID cuda=[$CUDA_VISIBLE_DEVICES] token=\${MLFLOW_TRACKING_TOKEN:0:4} uri=$MLFLOW_TRACKING_URI"
echo "::metric name=acc step=1 value=0.5"
echo "::metric name=acc step=2 value=0.91"
echo "to stderr" >&2
sleep 300 &
echo "$$ $!" > "$PIDFILE"
wait`;

describe("runner agent end to end", () => {
  it("runs a command job: env, metrics and logs reach the run; cancel kills the whole group within 5 s", async () => {
    const pidFile = path.join(pidDir, "cancel");
    const job = await world.queue({ spec: { kind: "command", command: SCRIPT, env: { PIDFILE: pidFile } } });
    const runId = parseRunId(job.runId)!;
    await until("metrics on the run", async () => (await database.db.select().from(metrics).where(eq(metrics.runId, runId))).length === 2);
    const points = await database.db.select({ key: metrics.key, step: metrics.step, value: metrics.value }).from(metrics).where(eq(metrics.runId, runId));
    expect(points.sort((a, b) => a.step - b.step)).toEqual([
      { key: "acc", step: 1, value: 0.5 },
      { key: "acc", step: 2, value: 0.91 },
    ]);
    const logs = await until("stderr in the logs", async () => {
      const l = await getJobLogs({ ctx: world.dev, input: { id: job.id } });
      return l.lines.some((x) => x.stream === "stderr") ? l : null;
    });
    const text = logs.lines.map((l) => l.text).join("");
    expect(text).toContain(`run=${job.runId} exp=`);
    expect(text).toContain("cuda=[] token=rbj_ uri=http://127.0.0.1:");
    expect(text).toContain(`/mlflow/${world.org.slug}/${world.project.key}`);
    const [shell, sleeper] = await until("pid file", async () => readPids(pidFile));
    expect(alive(shell!) && alive(sleeper!)).toBe(true);
    expect(await getJob({ ctx: world.dev, input: { id: job.id } })).toMatchObject({ state: "running", runner: { name: "e2e" } });

    const cancelledAt = Date.now();
    await cancelJob({ ctx: world.dev, input: { id: job.id } });
    await until("the process group to die", async () => !alive(shell!) && !alive(sleeper!), { ms: 5_000 });
    expect(Date.now() - cancelledAt).toBeLessThan(5_000);
    const done = await until("state cancelled", async () => {
      const j = await getJob({ ctx: world.dev, input: { id: job.id } });
      return j.state === "cancelled" ? j : null;
    });
    expect(done.usage).toMatchObject({ gpuSeconds: 0, energySource: "cpu-estimate" });
    expect(done.usage!.wallSeconds).toBeGreaterThan(0);
    await until("the working directory to be removed", async () => readdirSync(workDir).filter((f) => f.startsWith("job-")).length === 0);
  }, 60_000);

  it("a timeout kills the group and fails the job with the reason; a plain job succeeds", async () => {
    const pidFile = path.join(pidDir, "timeout");
    const slow = await world.queue({ spec: { kind: "command", command: SCRIPT, env: { PIDFILE: pidFile } }, timeoutSeconds: 2 });
    const ok = await world.queue({ spec: { kind: "command", command: 'test "$1" = hello && pwd', args: ["hello"] } });
    const [shell, sleeper] = await until("pid file", async () => readPids(pidFile));
    const failed = await until("the timeout", async () => {
      const j = await getJob({ ctx: world.dev, input: { id: slow.id } });
      return j.state === "failed" ? j : null;
    }, { ms: 15_000 });
    expect(failed.failureReason).toBe("timed out after 2 s");
    expect(alive(shell!) || alive(sleeper!)).toBe(false);
    const good = await until("the plain job", async () => {
      const j = await getJob({ ctx: world.dev, input: { id: ok.id } });
      return j.state === "succeeded" ? j : null;
    });
    expect(good.exitCode).toBe(0);
    const logs = await getJobLogs({ ctx: world.dev, input: { id: ok.id } });
    expect(logs.lines.map((l) => l.text).join("")).toContain(`${workDir}/job-`);
  }, 60_000);
});
