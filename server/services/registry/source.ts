import { and, eq } from "drizzle-orm";
import { loggedModels } from "@/db/schema";
import { safeArtifactPath } from "@/server/storage/artifact-store";
import { BadRequestError, ServiceError } from "../errors";
import { ownedArtifactPath, proxiedPathOfUri } from "../mlflow/artifacts";
import type { ProjectContext } from "../context";
import { getRunRow } from "../mlflow/internal";

export interface ResolvedSource {
  /** The proxied artifact path inside the project's store: `<exp>/<run>/artifacts/model`. */
  storagePath: string;
  runId: string | null;
}

const refuse = (source: string, why: string) =>
  new BadRequestError(
    `Invalid model version source '${source.slice(0, 200)}': ${why}. Use runs:/<run_id>/<path>, models:/<model_id> or the mlflow-artifacts:/ location of a run or logged model of this project.`,
  );

/** Any lookup failure (unknown run, another project's run, unsafe path) is a bad source, never a hint about what exists elsewhere. */
async function orRefuse<T>(source: string, why: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof ServiceError) throw refuse(source, `${why} (${err.message})`);
    throw err;
  }
}

/**
 * Only artifact locations this server stores for this project may become model versions: a
 * `file://`, plain path, `http://` or foreign location would let a version point anywhere.
 */
export async function resolveModelSource(ctx: ProjectContext, source: string, runId?: string): Promise<ResolvedSource> {
  const explicitRun = runId ? await orRefuse(source, "run_id names no run of this project", () => getRunRow(ctx.db, ctx.project.id, runId)) : null;
  const resolved = await resolve(ctx, source);
  return { storagePath: resolved.storagePath, runId: explicitRun?.id ?? resolved.runId };
}

async function resolve(ctx: ProjectContext, source: string): Promise<ResolvedSource> {
  const runs = /^runs:\/([^/]+)(?:\/(.*))?$/.exec(source);
  if (runs) {
    const run = await orRefuse(source, "no such run in this project", () => getRunRow(ctx.db, ctx.project.id, runs[1]!));
    const root = proxiedPathOfUri(run.artifactUri);
    if (!root) throw refuse(source, "the run's artifacts are not stored by this server");
    const rel = runs[2] ? await orRefuse(source, "unsafe path", async () => safeArtifactPath(runs[2]!)) : "";
    return { storagePath: rel ? `${root}/${rel}` : root, runId: run.id };
  }
  const models = /^models:\/(m-[0-9a-f]{32})\/?$/.exec(source);
  if (models) {
    const [m] = await ctx.db
      .select()
      .from(loggedModels)
      .where(and(eq(loggedModels.projectId, ctx.project.id), eq(loggedModels.id, models[1]!)))
      .limit(1);
    const root = m ? proxiedPathOfUri(m.artifactUri) : null;
    if (!m || !root) throw refuse(source, "no such logged model in this project");
    return { storagePath: root, runId: m.sourceRunId };
  }
  const proxied = proxiedPathOfUri(source);
  if (proxied !== null && !source.startsWith("mlflow-artifacts://")) {
    const owned = await orRefuse(source, "not an artifact location of this project", () => ownedArtifactPath(ctx, proxied));
    if (owned.owner.kind === "run") return { storagePath: owned.path, runId: owned.owner.runId };
    const modelId = owned.owner.modelId;
    const [m] = await ctx.db.select({ runId: loggedModels.sourceRunId }).from(loggedModels).where(eq(loggedModels.id, modelId)).limit(1);
    return { storagePath: owned.path, runId: m?.runId ?? null };
  }
  throw refuse(source, "unsupported location");
}
