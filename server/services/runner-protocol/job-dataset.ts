import { and, eq } from "drizzle-orm";
import { datasets, datasetVersions } from "@/db/schema";
import { JobSpec } from "@/runner/protocol";
import type { ArtifactStore } from "@/server/storage/artifact-store";
import { BadRequestError, NotFoundError } from "../errors";
import { blobKey } from "../datasets/internal";
import { lockLiveJob, type RunnerContext } from "./internal";

/**
 * The dataset version a built-in job (`train`, `evaluate`) names in its spec, for the runner that
 * holds the job's live lease (409 otherwise, as every protocol write). Only that one version: the
 * lease gives no access to other datasets.
 */
export async function openJobDataset({ ctx, jobId, leaseId, store }: { ctx: RunnerContext; jobId: string; leaseId: string; store: ArtifactStore }) {
  const job = await ctx.db.transaction((tx) => lockLiveJob(tx, ctx, jobId, leaseId));
  const spec = JobSpec.parse(job.spec);
  if (spec.kind === "command") throw new BadRequestError("A command job names no dataset version; use MLflow or the REST API");
  const [row] = await ctx.db
    .select({ sha256: datasetVersions.sha256, format: datasetVersions.format, size: datasetVersions.size })
    .from(datasetVersions)
    .innerJoin(datasets, eq(datasets.id, datasetVersions.datasetId))
    .where(and(eq(datasets.projectId, job.projectId), eq(datasets.name, spec.dataset.name), eq(datasetVersions.version, spec.dataset.version)))
    .limit(1);
  if (!row) throw new NotFoundError("Dataset version", `Dataset ${spec.dataset.name} version ${spec.dataset.version} no longer exists`);
  const file = await store.read(blobKey(row.sha256));
  return { ...row, name: spec.dataset.name, version: spec.dataset.version, stream: file.stream };
}
