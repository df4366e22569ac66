import { runIdHex, type Run } from "../mlflow/internal";

/**
 * Where a run's artifacts live in the artifact store: its artifact URI
 * (`mlflow-artifacts:/<experiment>/<run>/artifacts`) under the project's folder.
 */
export function runArtifactPrefix(projectId: string, run: Pick<Run, "id" | "experimentId">) {
  return `projects/${projectId}/${run.experimentId}/${runIdHex(run.id)}/artifacts`;
}

