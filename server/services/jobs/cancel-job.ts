import { eq, sql } from "drizzle-orm";
import { jobs } from "@/db/schema";
import { assertCan } from "@/server/auth/permissions";
import type { OrgContext } from "../context";
import { syncRunStatus } from "../runner-protocol/internal";
import { findJob, toJobOut } from "./internal";
import { systemLog } from "../runner-protocol/reaper";
import type { JobOut } from "./schemas";

/**
 * A queued job is cancelled at once; a running one is flagged, and its runner (long-polling its
 * heartbeat) kills the process group and reports `cancelled`. Finished jobs are left as they are.
 */
export async function cancelJob({ ctx, input }: { ctx: OrgContext; input: { id: string } }): Promise<JobOut> {
  assertCan(ctx.roles, "job.run");
  await findJob(ctx.db, ctx, input.id);
  await ctx.db.transaction(async (tx) => {
    const [job] = await tx.select().from(jobs).where(eq(jobs.id, input.id)).for("update");
    if (!job || job.cancelRequested || !["queued", "running"].includes(job.state)) return;
    if (job.state === "queued") {
      const [row] = await tx
        .update(jobs)
        .set({ state: "cancelled", cancelRequested: true, failureReason: "cancelled before it started", finishedAt: sql`now()` })
        .where(eq(jobs.id, job.id))
        .returning();
      await syncRunStatus(tx, row!, "cancelled");
    } else {
      await tx.update(jobs).set({ cancelRequested: true }).where(eq(jobs.id, job.id));
    }
    await systemLog(tx, job, "cancel requested");
  });
  return toJobOut(await findJob(ctx.db, ctx, input.id));
}
