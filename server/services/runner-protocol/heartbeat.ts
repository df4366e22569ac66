import { and, eq, sql } from "drizzle-orm";
import { jobs } from "@/db/schema";
import type { HeartbeatRequest, HeartbeatResponse } from "@/runner/protocol";
import { HeartbeatRequest as HeartbeatRequestSchema } from "@/runner/protocol";
import { DEFAULT_TIMINGS, sleep, type RunnerTimings } from "./config";
import { lockLiveJob, touchRunner, type RunnerContext } from "./internal";

/**
 * Extends the lease (409 if it was lost), then holds the answer up to `waitMs` so that a cancel
 * reaches the runner within one poll interval instead of one heartbeat interval.
 */
export async function heartbeat({
  ctx,
  jobId,
  input,
  opts = {},
}: {
  ctx: RunnerContext;
  jobId: string;
  input: HeartbeatRequest;
  opts?: Partial<RunnerTimings>;
}): Promise<HeartbeatResponse> {
  const t = { ...DEFAULT_TIMINGS, ...opts };
  const req = HeartbeatRequestSchema.parse(input);
  const extended = await ctx.db.transaction(async (tx) => {
    await lockLiveJob(tx, ctx, jobId, req.leaseId);
    const [row] = await tx
      .update(jobs)
      .set({ leaseExpiresAt: sql`now() + make_interval(secs => ${t.leaseTtlMs / 1000}::double precision)` })
      .where(eq(jobs.id, jobId))
      .returning({ leaseExpiresAt: jobs.leaseExpiresAt, cancelRequested: jobs.cancelRequested });
    return row!;
  });
  await touchRunner(ctx.db, ctx.runner.id, req.resources);
  const deadline = Date.now() + Math.min(req.waitMs, t.leaseTtlMs / 2);
  let cancelRequested = extended.cancelRequested;
  while (!cancelRequested && Date.now() + t.pollMs <= deadline) {
    await sleep(t.pollMs);
    const [row] = await ctx.db
      .select({ cancelRequested: jobs.cancelRequested, leaseId: jobs.leaseId, state: jobs.state })
      .from(jobs)
      .where(and(eq(jobs.id, jobId), eq(jobs.orgId, ctx.runner.orgId)));
    if (!row || row.leaseId !== req.leaseId || row.state !== "running") break; // the next heartbeat reports the lost lease
    cancelRequested = row.cancelRequested;
  }
  return { leaseExpiresAt: extended.leaseExpiresAt!.toISOString(), cancelRequested };
}
