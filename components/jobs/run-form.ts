import type { inferRouterInputs } from "@trpc/server";
import { fieldErrorsBy, type FieldErrors } from "@/components/forms/server-errors";
import type { AppRouter } from "@/server/trpc/root";

export const MAX_JOBS = 50;

export type Row = { key: string; value: string };
export type Kind = "command" | "train" | "evaluate";

export type SweepInput = inferRouterInputs<AppRouter>["jobs"]["createSweep"];
export type JobInput = SweepInput["job"];
type Spec = JobInput["spec"];

/** What the Run experiment dialog holds, as typed: numbers stay strings until submit. */
export interface RunFormState {
  kind: Kind;
  command: string;
  /** One argument per line. */
  args: string;
  env: Row[];
  repoUrl: string;
  commit: string;
  dataset: string;
  datasetVersion: string;
  model: string;
  modelVersion: string;
  train: { target: string; features: string; model: "logistic_regression" | "mlp"; epochs: string; learningRate: string; batchSize: string; registerAs: string };
  /** The evaluate kind's optional label column. */
  evalTarget: string;
  params: Row[];
  gpus: string;
  labels: string;
  /** Minutes. */
  timeout: string;
  maxAttempts: string;
}

export const initialRunForm: RunFormState = {
  kind: "command",
  command: "",
  args: "",
  env: [],
  repoUrl: "",
  commit: "",
  dataset: "",
  datasetVersion: "",
  model: "",
  modelVersion: "",
  train: { target: "", features: "", model: "logistic_regression", epochs: "30", learningRate: "0.05", batchSize: "32", registerAs: "" },
  evalTarget: "",
  params: [{ key: "", value: "" }],
  gpus: "0",
  labels: "",
  timeout: "60",
  maxAttempts: "3",
};

export const parseList = (s: string) => s.split(",").map((x) => x.trim()).filter(Boolean);

/** "0.1, 0.01" → ["0.1", "0.01"]; a value without commas is one value, kept as typed. */
export const splitValues = (s: string) => (s.includes(",") ? s.split(",").map((x) => x.trim()) : [s]);

/** How many jobs the parameter grid makes (the cartesian product of the value lists). */
export const gridSize = (rows: Row[]) => rows.reduce((n, r) => n * splitValues(r.value).length, 1);

/** The parameter rows with a name; blank rows are the empty ones the form starts with. */
export const filledParams = (rows: Row[]) => rows.filter((p) => p.key.trim());

type Result<T> = { ok: true; value: T } | { ok: false; error: string };

/** The form as the job every combination starts from, or why it cannot be queued yet. */
export function toJobInput(form: RunFormState, where: { projectKey: string; cardKey: string }): Result<JobInput> {
  const dataset = form.dataset && form.datasetVersion ? { name: form.dataset, version: Number(form.datasetVersion) } : null;
  const spec = toSpec(form, dataset);
  if (typeof spec === "string") return { ok: false, error: spec };
  return {
    ok: true,
    value: {
      key: where.projectKey,
      card: where.cardKey,
      spec,
      gpus: Number(form.gpus),
      labels: parseList(form.labels),
      timeoutSeconds: Math.round(Number(form.timeout) * 60),
      maxAttempts: Number(form.maxAttempts),
      // Built-in kinds carry their dataset in the spec; a command records it as the run's input.
      datasets: form.kind === "command" && dataset ? [dataset] : [],
    },
  };
}

/** The createSweep input: the job plus each named parameter's values. */
export function toSweepInput(form: RunFormState, where: { org: string; projectKey: string; cardKey: string }): Result<SweepInput> {
  const job = toJobInput(form, where);
  if (!job.ok) return job;
  const params = filledParams(form.params).map((p) => ({ key: p.key.trim(), values: splitValues(p.value) }));
  return { ok: true, value: { org: where.org, job: job.value, params } };
}

/** The spec for the chosen kind, or the message saying what is missing. */
function toSpec(form: RunFormState, dataset: { name: string; version: number } | null): Spec | string {
  if (form.kind === "command") {
    const repoUrl = form.repoUrl.trim();
    const commit = form.commit.trim();
    return {
      kind: "command",
      command: form.command,
      args: form.args.split("\n").filter((a) => a !== ""),
      env: Object.fromEntries(form.env.filter((r) => r.key.trim()).map((r) => [r.key.trim(), r.value])),
      ...(repoUrl ? { repository: { url: repoUrl, ...(commit ? { commit } : {}) } } : {}),
    };
  }
  if (!dataset) return "Choose a dataset version.";
  if (form.kind === "train") {
    const { train } = form;
    const features = parseList(train.features);
    return {
      kind: "train",
      dataset,
      target: train.target.trim(),
      ...(features.length ? { features } : {}),
      model: train.model,
      epochs: Number(train.epochs),
      learningRate: Number(train.learningRate),
      batchSize: Number(train.batchSize),
      registerAs: train.registerAs.trim(),
    };
  }
  if (!form.model || !form.modelVersion) return "Choose a model version.";
  const target = form.evalTarget.trim();
  return { kind: "evaluate", model: { name: form.model, version: Number(form.modelVersion) }, dataset, ...(target ? { target } : {}) };
}

/** The dialog fields a `job.spec.<name>` error belongs to (the spec's own name for each). */
const SPEC_FIELDS = new Set(["command", "args", "env", "repository", "dataset", "model", "target", "features", "registerAs", "epochs", "learningRate", "batchSize"]);
const JOB_FIELDS: Record<string, string> = { datasets: "dataset", gpus: "gpus", labels: "labels", timeoutSeconds: "timeout", maxAttempts: "maxAttempts" };

/**
 * The dialog field an input path is shown under, or null for the form: "job.spec.command" from the
 * sweep's input, "spec.dataset" from the job service, "params.0.key" or "combination 2 (…)".
 */
export function fieldForPath(path: string): string | null {
  const parts = path.split(".");
  if (parts[0] === "params" || parts[0]?.startsWith("combination")) return "params";
  if (parts[0] === "job") parts.shift();
  const [head, name] = parts;
  if (head === "spec") return name && SPEC_FIELDS.has(name) ? name : null;
  return head && Object.hasOwn(JOB_FIELDS, head) ? JOB_FIELDS[head]! : null;
}

/** A createSweep error as messages per dialog field, from the server's `data.fieldErrors`. */
export function serverFieldErrors(err: unknown): FieldErrors<string> {
  return fieldErrorsBy(err, fieldForPath);
}
