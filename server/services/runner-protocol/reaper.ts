import { and, eq, lt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { jobLogs, jobs } from "@/db/schema";
import { DEFAULT_TIMINGS, type RunnerTimings } from "./config";
import { syncRunStatus, type Job } from "./internal";
import { notifyJobQueued, wakeJobWaiters } from "./wake";

export const RUNNER_LOST = "runner lost";

/**
 * Takes back jobs whose lease expired: back to the queue with attempt + 1 while attempts remain,
 * otherwise failed with 'runner lost' (cancelled if a cancel was pending). Also fails jobs that
 * ran past their timeout plus a grace period, in case their runner could not. Safe to run
 * concurrently: rows another reaper holds are skipped.
 */
export async function reapJobs({ db, opts = {} }: { db: Db; opts?: Partial<RunnerTimings> }) {
  const graceMs = opts.timeoutGraceMs ?? DEFAULT_TIMINGS.timeoutGraceMs;
  const woken = new Set<string>();
  const result = await db.transaction(async (tx) => {
    const pastTimeout = sql<boolean>`${jobs.startedAt} + make_interval(secs => ${jobs.timeoutSeconds} + ${graceMs / 1000}::double precision) < now()`;
    const expired = await tx
      .select({ job: jobs, timedOut: pastTimeout })
      .from(jobs)
      .where(and(eq(jobs.state, "running"), sql`(${jobs.leaseExpiresAt} < now() or ${pastTimeout})`))
      .for("update", { skipLocked: true });
    let requeued = 0;
    let failed = 0;
    for (const { job, timedOut } of expired) {
      if (!timedOut && !job.cancelRequested && job.attempt < job.maxAttempts) {
        await tx
          .update(jobs)
          .set({ state: "queued", attempt: job.attempt + 1, runnerId: null, leaseId: null, leaseExpiresAt: null, trackingTokenHash: null, queuedAt: sql`now()` })
          .where(eq(jobs.id, job.id));
        await log(tx, job, `lease expired on attempt ${job.attempt}: back in the queue`);
        await syncRunStatus(tx, job, "queued");
        if (!woken.has(job.orgId)) await notifyJobQueued(tx, job.orgId);
        woken.add(job.orgId);
        requeued++;
      } else {
        const state = job.cancelRequested ? "cancelled" : "failed";
        const reason = job.cancelRequested ? "cancelled (runner lost)" : timedOut ? `timed out after ${job.timeoutSeconds} s` : RUNNER_LOST;
        await tx
          .update(jobs)
          .set({ state, failureReason: reason, leaseId: null, leaseExpiresAt: null, trackingTokenHash: null, finishedAt: sql`now()` })
          .where(eq(jobs.id, job.id));
        await log(tx, job, reason);
        await syncRunStatus(tx, job, state);
        failed++;
      }
    }
    return { requeued, failed };
  });
  for (const orgId of woken) wakeJobWaiters(orgId);
  return result;
}

/** System lines use negative seqs so they never collide with the runner's numbered chunks. */
async function log(tx: Db, job: Job, text: string) {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(jobLogs)
    .where(and(eq(jobLogs.jobId, job.id), eq(jobLogs.attempt, job.attempt), lt(jobLogs.seq, 0)));
  await tx.insert(jobLogs).values({ jobId: job.id, attempt: job.attempt, seq: -1 - (row?.n ?? 0), stream: "system", text: `[runboard] ${text}\n` });
}

export { log as systemLog };

/** Runs the reaper every few seconds in this process (once per process, however often it is asked). */
export function startReaperTimer(getDb: () => Promise<Db>, everyMs = 10_000) {
  const g = globalThis as unknown as { __runboardReaper?: NodeJS.Timeout };
  if (g.__runboardReaper) return;
  g.__runboardReaper = setInterval(() => {
    getDb()
      .then((db) => reapJobs({ db }))
      .catch(() => undefined);
  }, everyMs);
  g.__runboardReaper.unref();
}
