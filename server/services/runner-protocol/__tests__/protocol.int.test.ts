import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { jobLogs, jobs, latestMetrics, metrics, runners, runs, runTags } from "@/db/schema";
import { listenForEvents } from "@/db/testing";
import { withTestDb } from "@/db/with-test-db";
import { EVENTS_CHANNEL } from "../../agile/notify";
import { runStream, type RunEvent } from "../../tracking/notify";
import { ConflictError, ForbiddenError } from "../../errors";
import { parseRunId } from "../../mlflow/internal";
import { appendLogs } from "../append-logs";
import { cancelJob } from "../../jobs/cancel-job";
import { claimJob } from "../claim";
import { completeJob } from "../complete";
import { heartbeat } from "../heartbeat";
import { authenticateJobToken } from "../../jobs/job-token";
import { reapJobs, RUNNER_LOST } from "../reaper";
import { getJob, getJobLogs } from "../../jobs/read-jobs";
import { drainRunner, listRunners } from "../../runners/runners-admin";
import { setupRunnerWorld, TWO_GPUS } from "./testing";

const database = withTestDb();

const usage = { wallSeconds: 1, gpuSeconds: 0, energyWh: 0.01, energySource: "cpu-estimate" as const, cost: 0 };
const expireLease = (id: string) =>
  database.db.update(jobs).set({ leaseExpiresAt: sql`now() - interval '1 second'` }).where(eq(jobs.id, id));

describe("runner protocol services", () => {
  it("queues a job with an MLflow run tagged with card, job and commit; only job.run roles may", async () => {
    const w = await setupRunnerWorld(database.db);
    const job = await w.queue({ spec: { kind: "command", command: "true", repository: { url: "https://example.test/r.git", commit: "abc1234" } }, gpus: 0 });
    expect(job).toMatchObject({ state: "queued", attempt: 1, kind: "command", runner: null });
    const tags = await database.db.select().from(runTags).where(eq(runTags.runId, parseRunId(job.runId)!));
    const byKey = Object.fromEntries(tags.map((t) => [t.key, t.value]));
    expect(byKey["runboard.job"]).toBe(job.id);
    expect(byKey["mlflow.source.git.commit"]).toBe("abc1234");
    const [run] = await database.db.select().from(runs).where(eq(runs.id, parseRunId(job.runId)!));
    expect(run!.status).toBe("SCHEDULED");
    const { orgCtx } = await import("@/db/testing");
    const viewer = await orgCtx(database.db, w.org.id, w.members.viewer.id);
    const { createJob } = await import("../../jobs/create-job");
    await expect(createJob({ ctx: viewer, input: { key: w.project.key, spec: { kind: "command", command: "true" } } })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("many concurrent claims take each job exactly once", async () => {
    const w = await setupRunnerWorld(database.db);
    const ids = new Set<string>();
    for (let i = 0; i < 12; i++) ids.add((await w.queue()).id);
    const runnerCtxs = await Promise.all(Array.from({ length: 6 }, (_, i) => w.addRunner(`r${i}`)));
    const claimed: string[] = [];
    await Promise.all(
      runnerCtxs.map(async (ctx) => {
        for (;;) {
          const res = await claimJob({ ctx, input: { freeGpus: 0 } });
          if (res.kind === "idle") return;
          claimed.push(res.job.id);
        }
      }),
    );
    expect(claimed.sort()).toEqual([...ids].sort());
    const rows = await database.db.select({ runnerId: jobs.runnerId, state: jobs.state }).from(jobs).where(eq(jobs.orgId, w.org.id));
    expect(rows.every((r) => r.state === "running" && r.runnerId)).toBe(true);
  });

  it("a claim records the runner as seen with its resources and shows the run RUNNING on the runner, live", async () => {
    const w = await setupRunnerWorld(database.db);
    const job = await w.queue();
    const a = await w.addRunner("seen-runner");
    await database.db.update(runners).set({ lastSeenAt: sql`now() - interval '1 hour'` }).where(eq(runners.id, a.runner.id));
    const events: RunEvent[] = [];
    const stop = await listenForEvents<RunEvent>(database, EVENTS_CHANNEL, (e) => events.push(e));
    const res = await claimJob({ ctx: a, input: { freeGpus: 2, resources: TWO_GPUS } });
    expect(res.kind === "run" && res.job.id).toBe(job.id);
    const runId = parseRunId(job.runId)!;
    const [run] = await database.db.select().from(runs).where(eq(runs.id, runId));
    expect(run!.status).toBe("RUNNING");
    const tags = await database.db.select().from(runTags).where(eq(runTags.runId, runId));
    expect(tags.find((t) => t.key === "runboard.runner")?.value).toBe("seen-runner");
    const [runner] = await database.db.select({ resources: runners.resources, recent: sql<boolean>`${runners.lastSeenAt} > now() - interval '1 minute'` }).from(runners).where(eq(runners.id, a.runner.id));
    expect(runner).toEqual({ resources: TWO_GPUS, recent: true });
    await expect.poll(() => events.find((e) => e.runId === runId), { timeout: 2000 }).toMatchObject({ stream: runStream(w.project.id), projectId: w.project.id, kind: "status" });
    await stop();
  });

  it("offers only jobs the runner can satisfy: free GPUs and labels", async () => {
    const w = await setupRunnerWorld(database.db);
    const gpuJob = await w.queue({ gpus: 2, labels: ["a100"] });
    const cpu = await w.addRunner("cpu");
    const gpuNoLabel = await w.addRunner("gpu-plain", TWO_GPUS);
    const gpu = await w.addRunner("gpu", TWO_GPUS, ["gpu", "a100"]);
    expect((await claimJob({ ctx: cpu, input: { freeGpus: 0 } })).kind).toBe("idle");
    expect((await claimJob({ ctx: gpuNoLabel, input: { freeGpus: 2 } })).kind).toBe("idle");
    expect((await claimJob({ ctx: gpu, input: { freeGpus: 1 } })).kind).toBe("idle");
    const res = await claimJob({ ctx: gpu, input: { freeGpus: 2 } });
    expect(res.kind === "run" && res.job.id).toBe(gpuJob.id);
  });

  it("an expired lease returns the job to the queue (attempt + 1), then fails it with 'runner lost'", async () => {
    const w = await setupRunnerWorld(database.db);
    const job = await w.queue({ maxAttempts: 2 });
    const a = await w.addRunner("a");
    const first = await claimJob({ ctx: a, input: { freeGpus: 0 } });
    expect(first.kind).toBe("run");
    await expireLease(job.id);
    expect(await reapJobs({ db: database.db })).toEqual({ requeued: 1, failed: 0 });
    expect(await getJob({ ctx: w.dev, input: { id: job.id } })).toMatchObject({ state: "queued", attempt: 2, runner: null });
    const second = await claimJob({ ctx: a, input: { freeGpus: 0 } });
    expect(second.kind === "run" && second.job.attempt).toBe(2);
    await expireLease(job.id);
    await reapJobs({ db: database.db });
    const lost = await getJob({ ctx: w.dev, input: { id: job.id } });
    expect(lost).toMatchObject({ state: "failed", attempt: 2, failureReason: RUNNER_LOST });
    const [run] = await database.db.select().from(runs).where(eq(runs.id, parseRunId(job.runId)!));
    expect(run!.status).toBe("FAILED");
  });

  it("fencing: writes under a stale or replaced lease get 409 and change nothing", async () => {
    const w = await setupRunnerWorld(database.db);
    const job = await w.queue({ maxAttempts: 3 });
    const a = await w.addRunner("a");
    const b = await w.addRunner("b");
    const first = await claimJob({ ctx: a, input: { freeGpus: 0 } });
    if (first.kind !== "run") throw new Error("no job");
    const staleLease = first.job.leaseId;
    await expireLease(job.id);
    await expect(heartbeat({ ctx: a, jobId: job.id, input: { leaseId: staleLease } })).rejects.toBeInstanceOf(ConflictError);
    await reapJobs({ db: database.db });
    const second = await claimJob({ ctx: b, input: { freeGpus: 0 } });
    if (second.kind !== "run") throw new Error("no job");
    const before = await database.db.select().from(jobs).where(eq(jobs.id, job.id));
    const chunk = { seq: 0, stream: "stdout" as const, text: "::metric name=acc value=1\n", metrics: [{ key: "acc", value: 1, step: 0, timestamp: 1 }] };
    await expect(appendLogs({ ctx: a, jobId: job.id, input: { leaseId: staleLease, chunks: [chunk] } })).rejects.toBeInstanceOf(ConflictError);
    await expect(completeJob({ ctx: a, jobId: job.id, input: { leaseId: staleLease, status: "succeeded", exitCode: 0, usage } })).rejects.toBeInstanceOf(ConflictError);
    await expect(heartbeat({ ctx: a, jobId: job.id, input: { leaseId: staleLease } })).rejects.toBeInstanceOf(ConflictError);
    // runner b presenting a's lease is refused too
    await expect(heartbeat({ ctx: b, jobId: job.id, input: { leaseId: staleLease } })).rejects.toBeInstanceOf(ConflictError);
    expect(await database.db.select().from(jobs).where(eq(jobs.id, job.id))).toEqual(before);
    expect(await database.db.select().from(metrics).where(eq(metrics.runId, parseRunId(job.runId)!))).toEqual([]);
    const logs = await database.db.select().from(jobLogs).where(eq(jobLogs.jobId, job.id));
    expect(logs.filter((l) => l.stream !== "system")).toEqual([]);
    // the live lease still works
    expect((await heartbeat({ ctx: b, jobId: job.id, input: { leaseId: second.job.leaseId } })).cancelRequested).toBe(false);
  });

  it("idempotence: a repeated log chunk and its metrics are stored once; completing twice returns the first result", async () => {
    const w = await setupRunnerWorld(database.db);
    const job = await w.queue();
    const a = await w.addRunner("a");
    const res = await claimJob({ ctx: a, input: { freeGpus: 0 } });
    if (res.kind !== "run") throw new Error("no job");
    const leaseId = res.job.leaseId;
    const chunks = [
      { seq: 0, stream: "stdout" as const, text: "epoch 1\n::metric name=acc step=1 value=0.5\n", metrics: [{ key: "acc", value: 0.5, step: 1, timestamp: 10 }] },
      { seq: 1, stream: "stderr" as const, text: "warning\n" },
    ];
    expect(await appendLogs({ ctx: a, jobId: job.id, input: { leaseId, chunks } })).toMatchObject({ accepted: 2, duplicates: 0 });
    expect(await appendLogs({ ctx: a, jobId: job.id, input: { leaseId, chunks } })).toMatchObject({ accepted: 0, duplicates: 2 });
    const runId = parseRunId(job.runId)!;
    expect(await database.db.select({ v: metrics.value }).from(metrics).where(eq(metrics.runId, runId))).toEqual([{ v: 0.5 }]);
    expect(await database.db.select({ v: latestMetrics.value }).from(latestMetrics).where(eq(latestMetrics.runId, runId))).toEqual([{ v: 0.5 }]);
    const logs = await getJobLogs({ ctx: w.dev, input: { id: job.id } });
    expect(logs.lines.map((l) => l.text).join("")).toBe("epoch 1\n::metric name=acc step=1 value=0.5\nwarning\n");
    const first = await completeJob({ ctx: a, jobId: job.id, input: { leaseId, status: "failed", exitCode: 3, usage } });
    expect(first).toEqual({ state: "failed", exitCode: 3, failureReason: "exit code 3" });
    const again = await completeJob({ ctx: a, jobId: job.id, input: { leaseId, status: "succeeded", exitCode: 0, usage } });
    expect(again).toEqual(first);
    const done = await getJob({ ctx: w.dev, input: { id: job.id } });
    expect(done).toMatchObject({ state: "failed", exitCode: 3, usage });
    const [run] = await database.db.select().from(runs).where(eq(runs.id, runId));
    expect(run!.status).toBe("FAILED");
    await expect(appendLogs({ ctx: a, jobId: job.id, input: { leaseId, chunks: [{ seq: 2, stream: "stdout", text: "late\n" }] } })).rejects.toBeInstanceOf(ConflictError);
  });

  it("cancel: a queued job is cancelled at once; a running job's heartbeat carries the flag", async () => {
    const w = await setupRunnerWorld(database.db);
    const queued = await w.queue();
    expect(await cancelJob({ ctx: w.dev, input: { id: queued.id } })).toMatchObject({ state: "cancelled" });
    const job = await w.queue();
    const a = await w.addRunner("a");
    const res = await claimJob({ ctx: a, input: { freeGpus: 0 } });
    if (res.kind !== "run") throw new Error("no job");
    expect(res.job.id).toBe(job.id);
    const started = Date.now();
    const pending = heartbeat({ ctx: a, jobId: job.id, input: { leaseId: res.job.leaseId, waitMs: 10_000 }, opts: { pollMs: 100 } });
    await new Promise((r) => setTimeout(r, 300));
    await cancelJob({ ctx: w.dev, input: { id: job.id } });
    expect((await pending).cancelRequested).toBe(true);
    expect(Date.now() - started).toBeLessThan(3000);
    await completeJob({ ctx: a, jobId: job.id, input: { leaseId: res.job.leaseId, status: "cancelled", exitCode: null, usage } });
    expect(await getJob({ ctx: w.dev, input: { id: job.id } })).toMatchObject({ state: "cancelled" });
    const [run] = await database.db.select().from(runs).where(eq(runs.id, parseRunId(job.runId)!));
    expect(run!.status).toBe("KILLED");
  });

  it("a job token works for its project only while the lease is live", async () => {
    const w = await setupRunnerWorld(database.db);
    const job = await w.queue();
    const a = await w.addRunner("a");
    const res = await claimJob({ ctx: a, input: { freeGpus: 0 } });
    if (res.kind !== "run") throw new Error("no job");
    const ctx = await authenticateJobToken(database.db, res.job.trackingToken, w.org.slug, w.project.key);
    expect(ctx.project.key).toBe(w.project.key);
    await expect(authenticateJobToken(database.db, res.job.trackingToken, w.org.slug, "OTHER")).rejects.toThrow(/not found/);
    await expireLease(job.id);
    await expect(authenticateJobToken(database.db, res.job.trackingToken, w.org.slug, w.project.key)).rejects.toThrow(/expired/);
  });

  it("a draining runner gets no jobs; the runners list shows its state and running job", async () => {
    const w = await setupRunnerWorld(database.db);
    const a = await w.addRunner("a", TWO_GPUS, ["gpu"]);
    const b = await w.addRunner("b");
    await w.queue();
    await w.queue();
    const running = await claimJob({ ctx: a, input: { freeGpus: 2 } });
    expect(running.kind).toBe("run");
    await drainRunner({ ctx: w.admin, input: { runnerId: b.runner.id } });
    await expect(drainRunner({ ctx: w.dev, input: { runnerId: b.runner.id } })).rejects.toBeInstanceOf(ForbiddenError);
    const { authenticateRunner } = await import("../internal");
    const drained = await authenticateRunner(database.db, `Bearer ${b.token}`);
    expect(await claimJob({ ctx: drained, input: { freeGpus: 0 } })).toMatchObject({ kind: "idle", draining: true });
    const list = await listRunners({ ctx: w.dev });
    const ra = list.find((r) => r.name === "a")!;
    expect(ra).toMatchObject({ online: true, status: "active", labels: ["gpu"] });
    expect(ra.resources.gpus).toHaveLength(2);
    expect(ra.jobs).toHaveLength(1);
    expect(list.find((r) => r.name === "b")).toMatchObject({ status: "draining", jobs: [] });
  });
});
