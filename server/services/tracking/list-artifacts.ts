import { artifactStore } from "@/server/storage";
import { safeArtifactPath } from "@/server/storage/artifact-store";
import type { OrgContext } from "../context";
import { getRunRow } from "../mlflow/internal";
import { projectScope } from "../projects/project-scope";
import { runArtifactPrefix } from "./internal";
import type { ListArtifactsInput } from "./schemas";

/** The direct children of one folder of a run's artifacts; paths come back relative to the run's artifact root. */
export async function listArtifacts({ ctx, input }: { ctx: OrgContext; input: ListArtifactsInput }) {
  const p = await projectScope(ctx, input.key, "run.read");
  const run = await getRunRow(ctx.db, p.project.id, input.runId);
  const root = runArtifactPrefix(p.project.id, run);
  const sub = input.path ? safeArtifactPath(input.path) : "";
  const entries = await artifactStore().list(sub ? `${root}/${sub}` : root);
  return entries
    .map((e) => ({ path: e.path.slice(root.length + 1), isDir: e.isDir, size: e.size }))
    .sort((a, b) => Number(b.isDir) - Number(a.isDir) || a.path.localeCompare(b.path));
}

/** Opens one artifact file of a run for download. */
export async function readArtifact({ ctx, input }: { ctx: OrgContext; input: { key: string; runId: string; path: string } }) {
  const p = await projectScope(ctx, input.key, "run.read");
  const run = await getRunRow(ctx.db, p.project.id, input.runId);
  const rel = safeArtifactPath(input.path);
  return { name: rel.split("/").at(-1)!, ...(await artifactStore().read(`${runArtifactPrefix(p.project.id, run)}/${rel}`)) };
}
