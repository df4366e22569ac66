import { eq } from "drizzle-orm";
import { experiments, runInputs, runParams, runs } from "@/db/schema";
import { assertCan } from "@/server/auth/permissions";
import type { OrgContext, ProjectContext } from "../context";
import { ConflictError } from "../errors";
import { logBatch } from "../mlflow/logging";
import { createJob } from "./create-job";
import { paramEnvName } from "./create-sweep";
import { findJob } from "./internal";
import type { JobOut } from "./schemas";

export const RETRY_OF_TAG = "runboard.retry_of";

/**
 * Queues a failed or cancelled job again as a new job: same spec, card, GPUs, labels, limits,
 * experiment, dataset inputs and params, its run tagged with the job it retries.
 */
export async function retryJob({ ctx, input }: { ctx: OrgContext; input: { id: string } }): Promise<JobOut> {
  assertCan(ctx.roles, "job.run");
  const { job: old, project, cardNumber } = await findJob(ctx.db, ctx, input.id);
  if (old.state !== "failed" && old.state !== "cancelled") throw new ConflictError(`Only failed or cancelled jobs can be retried; this one is ${old.state}`);
  return ctx.db.transaction(async (tx) => {
    const [exp] = await tx.select({ name: experiments.name }).from(runs).innerJoin(experiments, eq(experiments.id, runs.experimentId)).where(eq(runs.id, old.runId)).limit(1);
    // Only the sweep's params (also in the environment as PARAM_<KEY>), not what the script logged itself.
    const env = "env" in old.spec && old.spec.env ? (old.spec.env as Record<string, string>) : {};
    const params = (await tx.select({ key: runParams.key, value: runParams.value }).from(runParams).where(eq(runParams.runId, old.runId))).filter(
      (p) => env[paramEnvName(p.key)] === p.value,
    );
    const inputs = await tx.select({ sourceType: runInputs.sourceType, source: runInputs.source }).from(runInputs).where(eq(runInputs.runId, old.runId));
    const datasets = inputs.flatMap((i) => {
      if (i.sourceType !== "runboard") return [];
      try {
        const s = JSON.parse(i.source) as { dataset?: unknown; version?: unknown };
        return typeof s.dataset === "string" && typeof s.version === "number" ? [{ name: s.dataset, version: s.version }] : [];
      } catch {
        return [];
      }
    });
    const job = await createJob({
      ctx: { ...ctx, db: tx },
      input: {
        key: project,
        spec: old.spec,
        card: cardNumber === null ? undefined : `${project}-${cardNumber}`,
        gpus: old.gpus,
        labels: old.labels,
        timeoutSeconds: old.timeoutSeconds,
        maxAttempts: old.maxAttempts,
        experiment: exp?.name,
        datasets,
      },
    });
    const pctx: ProjectContext = { ...ctx, db: tx, project: { id: old.projectId, key: project } };
    await logBatch({ ctx: pctx, input: { runId: job.runId, params, tags: [{ key: RETRY_OF_TAG, value: old.id }] } });
    return job;
  });
}
