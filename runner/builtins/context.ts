import type { MlflowHttp } from "./mlflow-http";

/** What a built-in job gets from the executor: the MLflow client with the job token, its dataset, a log and a stop flag. */
export interface BuiltinContext {
  runId: string;
  mlflow: MlflowHttp;
  dataset: () => Promise<{ text: string; format: "csv" | "jsonl"; sha256: string }>;
  /** A line to the job's log (stdout). */
  log: (line: string) => void;
  /** True once the job is cancelled, timed out or its lease lost: stop at the next step. */
  stopped: () => boolean;
}

export class StoppedError extends Error {
  constructor() {
    super("stopped");
  }
}

/** Lets heartbeats and log shipping run during long CPU work. */
export const yieldToEventLoop = () => new Promise<void>((r) => setImmediate(r));
