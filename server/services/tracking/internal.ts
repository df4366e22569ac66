import { assertCan } from "@/server/auth/permissions";
import type { OrgContext } from "../context";
import { projectContext } from "../projects/get-project";
import { runIdHex, type ProjectContext, type Run } from "../mlflow/internal";

/** The caller inside one project of their organization, as the MLflow verbs expect it. */
export async function projectScope(ctx: OrgContext, key: string): Promise<ProjectContext> {
  assertCan(ctx.roles, "run.read");
  return projectContext(ctx, key);
}

/**
 * Where a run's artifacts live in the artifact store: its artifact URI
 * (`mlflow-artifacts:/<experiment>/<run>/artifacts`) under the project's folder.
 */
export function runArtifactPrefix(projectId: string, run: Pick<Run, "id" | "experimentId">) {
  return `projects/${projectId}/${run.experimentId}/${runIdHex(run.id)}/artifacts`;
}

