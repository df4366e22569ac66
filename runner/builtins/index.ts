import type { EvaluateSpec, TrainSpec } from "../protocol";
import type { BuiltinContext } from "./context";
import { runEvaluate } from "./evaluate";
import { runTrain } from "./train";

export type { BuiltinContext } from "./context";
export { StoppedError } from "./context";

/** Runs a built-in job in this process; throws with a reason the job fails with. */
export async function runBuiltinJob(spec: TrainSpec | EvaluateSpec, ctx: BuiltinContext): Promise<void> {
  if (spec.kind === "train") await runTrain(spec, ctx);
  else await runEvaluate(spec, ctx);
}
