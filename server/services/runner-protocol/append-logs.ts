import { eq } from "drizzle-orm";
import { jobLogs, jobs } from "@/db/schema";
import type { LogsRequest, LogsResponse } from "@/runner/protocol";
import { maskSecrets, secretValues } from "@/runner/mask";
import { LogsRequest as LogsRequestSchema } from "@/runner/protocol";
import { logBatch } from "../mlflow/logging";
import { ServiceError } from "../errors";
import { jobProjectContext, lockLiveJob, type RunnerContext } from "./internal";

/**
 * Stores numbered output chunks under a live lease. A chunk whose seq is already stored is
 * ignored, and so are its metrics: `::metric` points travel with their chunk, so a retried
 * request never logs them twice.
 */
export async function appendLogs({ ctx, jobId, input }: { ctx: RunnerContext; jobId: string; input: LogsRequest }): Promise<LogsResponse> {
  const req = LogsRequestSchema.parse(input);
  return ctx.db.transaction(async (tx) => {
    const job = await lockLiveJob(tx, ctx, jobId, req.leaseId);
    // Defence in depth: the agent masks secrets (across writes) before sending; mask each chunk again here.
    const secrets = secretValues(job.spec);
    const inserted = await tx
      .insert(jobLogs)
      .values(req.chunks.map((c) => ({ jobId, attempt: job.attempt, seq: c.seq, stream: c.stream, text: maskSecrets(c.text, secrets) })))
      .onConflictDoNothing()
      .returning({ seq: jobLogs.seq });
    const fresh = new Set(inserted.map((r) => r.seq));
    const points = req.chunks.filter((c) => fresh.has(c.seq)).flatMap((c) => c.metrics);
    if (points.length > 0) {
      const pctx = await jobProjectContext(tx, job);
      try {
        if (pctx) await logBatch({ ctx: pctx, input: { runId: job.runId, metrics: points } });
      } catch (err) {
        if (!(err instanceof ServiceError)) throw err;
        await tx.insert(jobLogs).values({ jobId, attempt: job.attempt, seq: -1_000_000 - Math.min(...fresh), stream: "system", text: `[runboard] metrics refused: ${err.message}\n` }).onConflictDoNothing();
      }
    }
    const [state] = await tx.select({ cancelRequested: jobs.cancelRequested }).from(jobs).where(eq(jobs.id, jobId));
    return { accepted: inserted.length, duplicates: req.chunks.length - inserted.length, cancelRequested: state!.cancelRequested };
  });
}
