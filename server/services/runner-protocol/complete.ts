import { and, eq, sql } from "drizzle-orm";
import { jobs } from "@/db/schema";
import { maskSecrets, secretValues } from "@/runner/mask";
import type { CompleteRequest, CompleteResponse } from "@/runner/protocol";
import { CompleteRequest as CompleteRequestSchema } from "@/runner/protocol";
import { priceJobUsage, tagRunUsage } from "../billing/price-job";
import { ConflictError } from "../errors";
import { lockLiveJob, syncRunStatus, type RunnerContext } from "./internal";

const TERMINAL = ["succeeded", "failed", "cancelled"] as const;

/**
 * Records the outcome under a live lease. A repeat from the same lease after the job finished
 * returns the first result unchanged; any other lease gets 409.
 */
export async function completeJob({ ctx, jobId, input }: { ctx: RunnerContext; jobId: string; input: CompleteRequest }): Promise<CompleteResponse> {
  const req = CompleteRequestSchema.parse(input);
  return ctx.db.transaction(async (tx) => {
    const [done] = await tx
      .select()
      .from(jobs)
      .where(and(eq(jobs.id, jobId), eq(jobs.orgId, ctx.runner.orgId), eq(jobs.runnerId, ctx.runner.id), eq(jobs.leaseId, req.leaseId)))
      .for("update");
    if (done && (TERMINAL as readonly string[]).includes(done.state)) {
      return { state: done.state as CompleteResponse["state"], exitCode: done.exitCode, failureReason: done.failureReason };
    }
    const job = await lockLiveJob(tx, ctx, jobId, req.leaseId);
    const state = req.status === "cancelled" && !job.cancelRequested ? "failed" : req.status;
    const reported = req.failureReason === null ? null : maskSecrets(req.failureReason, secretValues(job.spec));
    const failureReason = state === "succeeded" ? null : (reported ?? (state === "cancelled" ? "cancelled" : `exit code ${req.exitCode}`));
    // Cost and CO2e come from the organization's billing settings, not from the runner.
    const usage = await priceJobUsage(tx, ctx.runner, req.usage);
    const [row] = await tx
      .update(jobs)
      .set({ state, exitCode: req.exitCode, failureReason, usage, finishedAt: sql`now()`, leaseExpiresAt: null, trackingTokenHash: null })
      .where(eq(jobs.id, jobId))
      .returning();
    if (!row) throw new ConflictError("Lease lost");
    await tagRunUsage(tx, row, usage);
    await syncRunStatus(tx, row, state);
    return { state, exitCode: row.exitCode, failureReason: row.failureReason };
  });
}
