import { and, eq } from "drizzle-orm";
import { projects } from "@/db/schema";
import { assertCan } from "@/server/auth/permissions";
import type { OrgContext } from "../context";
import { NotFoundError } from "../errors";
import { runIdHex, type ProjectContext, type Run } from "../mlflow/internal";

/** The caller inside one project of their organization, as the MLflow verbs expect it. */
export async function projectScope(ctx: OrgContext, key: string): Promise<ProjectContext> {
  assertCan(ctx.roles, "run.read");
  const [p] = await ctx.db
    .select({ id: projects.id, key: projects.key })
    .from(projects)
    .where(and(eq(projects.orgId, ctx.org.id), eq(projects.key, key)))
    .limit(1);
  if (!p) throw new NotFoundError(`Project ${key}`);
  return { ...ctx, project: p };
}

/**
 * Where a run's artifacts live in the artifact store: its artifact URI
 * (`mlflow-artifacts:/<experiment>/<run>/artifacts`) under the project's folder.
 */
export function runArtifactPrefix(projectId: string, run: Pick<Run, "id" | "experimentId">) {
  return `projects/${projectId}/${run.experimentId}/${runIdHex(run.id)}/artifacts`;
}

export const KEY_METRIC_TAG = "runboard.key_metric";
export const PROGRESS_TAG = "runboard.progress";
export const CARD_TAG = "runboard.card";
export const GIT_COMMIT_TAG = "mlflow.source.git.commit";
