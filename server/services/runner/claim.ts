import { and, eq, sql } from "drizzle-orm";
import { experiments, jobs, organizations, projects, runs } from "@/db/schema";
import { generateToken } from "@/server/auth/tokens";
import type { ClaimRequest, ClaimResponse } from "@/runner/protocol";
import { ClaimRequest as ClaimRequestSchema, JobSpec } from "@/runner/protocol";
import { setTag } from "../mlflow/logging";
import { runIdHex } from "../mlflow/internal";
import { DEFAULT_TIMINGS, sleep, type RunnerTimings } from "./config";
import { jobProjectContext, syncRunStatus, touchRunner, type RunnerContext } from "./internal";
import { reapJobs } from "./reaper";
import { jobWaiter, listenForJobsFromOtherProcesses } from "./wake";

/**
 * Gives the runner the oldest queued job it can satisfy (GPUs free, labels held) under a new lease,
 * or answers idle after waiting up to `waitMs`. FOR UPDATE SKIP LOCKED makes concurrent claims
 * take different jobs on PostgreSQL; PGlite has one connection, so the transaction alone is atomic.
 */
export async function claimJob({ ctx, input, opts = {} }: { ctx: RunnerContext; input: ClaimRequest; opts?: Partial<RunnerTimings> }): Promise<ClaimResponse> {
  const t = { ...DEFAULT_TIMINGS, ...opts };
  const req = ClaimRequestSchema.parse(input);
  const deadline = Date.now() + req.waitMs;
  await touchRunner(ctx.db, ctx.runner.id, req.resources);
  if (req.waitMs > 0) listenForJobsFromOtherProcesses();
  for (;;) {
    if (ctx.runner.status === "draining") return { kind: "idle", retryAfterMs: t.heartbeatMs, draining: true };
    // Subscribed before looking, so a job queued meanwhile wakes this claim at once; pollMs is the fallback.
    const waiter = jobWaiter(ctx.runner.orgId);
    try {
      await reapAtMostEverySecond(ctx, t);
      const job = await tryClaim(ctx, req.freeGpus, t);
      if (job) return { kind: "run", job };
      const left = deadline - Date.now();
      if (left <= 0) return { kind: "idle", retryAfterMs: t.pollMs, draining: false };
      await Promise.race([waiter.woken, sleep(Math.min(left, t.pollMs))]);
    } finally {
      waiter.cancel();
    }
  }
}

const lastReap = new WeakMap<object, number>();

/**
 * Claims return expired jobs to the queue first, but at most once a second per database: under
 * many concurrent claims a reap each time would cost more than the claims (the timer reaps too).
 */
async function reapAtMostEverySecond(ctx: RunnerContext, t: RunnerTimings) {
  const key = ctx.db as object;
  const now = Date.now();
  if (now - (lastReap.get(key) ?? 0) < 1000) return;
  lastReap.set(key, now);
  await reapJobs({ db: ctx.db, opts: t });
}

async function tryClaim(ctx: RunnerContext, freeGpus: number, t: RunnerTimings) {
  return ctx.db.transaction(async (tx) => {
    const [candidate] = await tx
      .select({ id: jobs.id })
      .from(jobs)
      .where(
        and(
          eq(jobs.orgId, ctx.runner.orgId),
          eq(jobs.state, "queued"),
          eq(jobs.cancelRequested, false),
          sql`${jobs.gpus} <= ${freeGpus}`,
          sql`${jobs.labels} <@ ${sql.param(ctx.runner.labels)}::text[]`,
        ),
      )
      .orderBy(jobs.queuedAt, jobs.id)
      .limit(1)
      .for("update", { skipLocked: true });
    if (!candidate) return null;
    const tracking = generateToken("rbj_");
    const [job] = await tx
      .update(jobs)
      .set({
        state: "running",
        runnerId: ctx.runner.id,
        leaseId: sql`gen_random_uuid()`,
        leaseExpiresAt: sql`now() + make_interval(secs => ${t.leaseTtlMs / 1000}::double precision)`,
        trackingTokenHash: tracking.hash,
        startedAt: sql`now()`,
      })
      .where(eq(jobs.id, candidate.id))
      .returning();
    const [where] = await tx
      .select({ org: organizations.slug, project: projects.key, experimentId: runs.experimentId })
      .from(runs)
      .innerJoin(projects, eq(projects.id, runs.projectId))
      .innerJoin(organizations, eq(organizations.id, projects.orgId))
      .innerJoin(experiments, eq(experiments.id, runs.experimentId))
      .where(eq(runs.id, job!.runId));
    await syncRunStatus(tx, job!, "running");
    const pctx = await jobProjectContext(tx, job!);
    if (pctx) await setTag({ ctx: pctx, input: { runId: job!.runId, key: "runboard.runner", value: ctx.runner.name } }).catch(() => undefined);
    return {
      id: job!.id,
      attempt: job!.attempt,
      spec: JobSpec.parse(job!.spec),
      gpus: job!.gpus,
      timeoutSeconds: job!.timeoutSeconds,
      leaseId: job!.leaseId!,
      leaseTtlMs: t.leaseTtlMs,
      heartbeatMs: t.heartbeatMs,
      run: { id: runIdHex(job!.runId), experimentId: String(where!.experimentId) },
      trackingPath: `/mlflow/${where!.org}/${where!.project}`,
      trackingToken: tracking.token,
    };
  });
}
