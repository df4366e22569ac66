/** Run tags Runboard writes and reads: plain constants shared by the services and the browser. */
export const CARD_TAG = "runboard.card";
export const KEY_METRIC_TAG = "runboard.key_metric";
export const PROGRESS_TAG = "runboard.progress";
/** Set on a job's run: the job, its kind, the runner holding it and the sweep it belongs to. */
export const JOB_TAG = "runboard.job";
export const JOB_KIND_TAG = "runboard.job_kind";
export const RUNNER_TAG = "runboard.runner";
export const SWEEP_TAG = "runboard.sweep";
/** MLflow's own source tags. */
export const GIT_COMMIT_TAG = "mlflow.source.git.commit";
export const GIT_REPO_URL_TAG = "mlflow.source.git.repoURL";
