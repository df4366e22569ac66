// Runner protocol v1: the wire contract shared by the agent (runner/) and the server adapter
// (server/http/runner). Only zod here, so the agent runs from a checkout without the server code.
import { z } from "zod";
import { text, toStorableText } from "../lib/text";

export const PROTOCOL_PATH = "/api/runner/v1";

/**
 * The most bytes the server reads of each request body (it answers 413 past them); the agent sends
 * log batches well under the logs cap (runner/logs.ts).
 */
export const BODY_LIMITS = { register: 64 * 1024, claim: 1024 * 1024, heartbeat: 1024 * 1024, complete: 1024 * 1024, logs: 16 * 1024 * 1024 } as const;

export const Gpu = z.object({
  index: z.number().int().min(0),
  name: z.string().max(200).overwrite(toStorableText),
  memoryMb: z.number().nonnegative(),
  utilization: z.number().min(0).max(100).nullable(),
  powerW: z.number().nonnegative().nullable(),
});
export type Gpu = z.infer<typeof Gpu>;

export const Resources = z.object({
  cpus: z.number().int().min(1),
  memoryBytes: z.number().int().nonnegative(),
  gpus: z.array(Gpu).max(64),
});
export type Resources = z.infer<typeof Resources>;

export const Label = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,62}$/i, "labels are letters, digits, '.', '_' or '-'");
const EnvName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "environment variable names are letters, digits and '_'");

/** `command`: a bash command line (its arguments are $1, $2 …), optionally in a checkout of a repository. */
export const CommandSpec = z.object({
  kind: z.literal("command"),
  command: text().min(1).max(20_000),
  args: z.array(text().max(10_000)).max(200).default([]),
  env: z.record(EnvName, text().max(100_000)).default({}),
  /**
   * Names of `env` entries that are secrets: their values are masked as *** in the stored logs (by
   * the agent before sending and by the server on append) and never returned by the jobs API.
   */
  secretEnv: z.array(EnvName).max(100).default([]),
  repository: z
    .object({ url: text().min(1).max(2000), commit: z.string().regex(/^[0-9a-f]{7,40}$/i).optional() })
    .optional(),
  keepWorkdir: z.boolean().default(false),
});
export type CommandSpec = z.infer<typeof CommandSpec>;

/** A dataset version of the job's project, by dataset name and version number. */
export const DatasetVersionRef = z.object({
  name: text().trim().min(1).max(200),
  version: z.number().int().min(1).max(2 ** 31 - 1), // an integer column on the server
});
export type DatasetVersionRef = z.infer<typeof DatasetVersionRef>;

/** A registered model version of the job's project, by model name and version number. */
export const ModelVersionRef = z.object({
  name: text().trim().min(1).max(250),
  version: z.number().int().min(1).max(2 ** 31 - 1),
});
export type ModelVersionRef = z.infer<typeof ModelVersionRef>;

const ColumnName = text().min(1).max(200);

export const TRAIN_MODELS = ["logistic_regression", "mlp"] as const;

/**
 * Built-in `train`: a binary classifier on a tabular dataset version, trained in the agent process
 * (TypeScript, no child process); writes ONNX, logs per-epoch metrics and registers a model version.
 */
export const TrainSpec = z.object({
  kind: z.literal("train"),
  dataset: DatasetVersionRef,
  /** The label column; two distinct values (booleans, 0/1 or two strings). */
  target: ColumnName,
  /** Feature columns; default: every other numeric or boolean column. */
  features: z.array(ColumnName).min(1).max(1000).optional(),
  model: z.enum(TRAIN_MODELS).default("logistic_regression"),
  /** Hidden layer widths for `mlp` (one layer is supported). */
  hidden: z.array(z.number().int().min(1).max(1024)).min(1).max(1).default([16]),
  epochs: z.number().int().min(1).max(10_000).default(30),
  learningRate: z.number().positive().max(10).default(0.05),
  batchSize: z.number().int().min(1).max(100_000).default(32),
  validationFraction: z.number().min(0.05).max(0.9).default(0.2),
  seed: z.number().int().min(0).max(2 ** 31 - 1).default(42),
  /** Registered model name; the model is registered as its next version. */
  registerAs: text().trim().min(1).max(250),
});
export type TrainSpec = z.infer<typeof TrainSpec>;

/** Built-in `evaluate`: scores a model version's ONNX on a dataset version with onnxruntime-node. */
export const EvaluateSpec = z.object({
  kind: z.literal("evaluate"),
  model: ModelVersionRef,
  dataset: DatasetVersionRef,
  /** The label column; default: the target the model was trained on. */
  target: ColumnName.optional(),
  /** The label value counted as positive; default: the one the model was trained with. */
  positiveLabel: text().max(200).optional(),
});
export type EvaluateSpec = z.infer<typeof EvaluateSpec>;

/** The agent refuses kinds it does not know. */
export const JobSpec = z.discriminatedUnion("kind", [CommandSpec, TrainSpec, EvaluateSpec]);
export type JobSpec = z.infer<typeof JobSpec>;
export type JobKind = JobSpec["kind"];

export const RegisterRequest = z.object({
  registrationToken: z.string().min(1),
  name: text().min(1).max(100),
  labels: z.array(Label).max(50).default([]),
  resources: Resources,
  version: text().max(50).optional(),
});
export type RegisterRequest = z.infer<typeof RegisterRequest>;
export const RegisterResponse = z.object({ runnerId: z.uuid(), token: z.string(), org: z.string() });
export type RegisterResponse = z.infer<typeof RegisterResponse>;

export const ClaimRequest = z.object({
  /** How many GPUs this runner has free right now; only jobs asking for at most this many are offered. */
  freeGpus: z.number().int().min(0).max(64),
  resources: Resources.optional(),
  /** Long-poll: wait up to this long for a job before answering idle. */
  waitMs: z.number().int().min(0).max(25_000).default(0),
});
export type ClaimRequest = z.input<typeof ClaimRequest>;

export const ClaimedJob = z.object({
  id: z.uuid(),
  attempt: z.number().int(),
  spec: JobSpec,
  gpus: z.number().int(),
  timeoutSeconds: z.number().int(),
  leaseId: z.uuid(),
  leaseTtlMs: z.number().int(),
  heartbeatMs: z.number().int(),
  run: z.object({ id: z.string(), experimentId: z.string() }),
  /** Path of the project's MLflow tracking URI on the server; the agent prefixes its --url. */
  trackingPath: z.string(),
  /** Per-job MLflow token, valid while this lease is live. */
  trackingToken: z.string(),
});
export type ClaimedJob = z.infer<typeof ClaimedJob>;

export const ClaimResponse = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("idle"), retryAfterMs: z.number().int(), draining: z.boolean() }),
  z.object({ kind: z.literal("run"), job: ClaimedJob }),
]);
export type ClaimResponse = z.infer<typeof ClaimResponse>;

export const HeartbeatRequest = z.object({
  leaseId: z.uuid(),
  resources: Resources.optional(),
  /** Long-poll: hold the answer up to this long unless the job is cancelled meanwhile. */
  waitMs: z.number().int().min(0).max(25_000).default(0),
});
export type HeartbeatRequest = z.input<typeof HeartbeatRequest>;
export const HeartbeatResponse = z.object({ leaseExpiresAt: z.string(), cancelRequested: z.boolean() });
export type HeartbeatResponse = z.infer<typeof HeartbeatResponse>;

export const MetricPoint = z.object({
  key: z.string().min(1).max(250).overwrite(toStorableText),
  value: z.number(),
  step: z.number().int().min(0),
  timestamp: z.number().int(),
});
export type MetricPoint = z.infer<typeof MetricPoint>;

export const LogStream = z.enum(["stdout", "stderr", "system"]);
export type LogStream = z.infer<typeof LogStream>;
export const LogChunk = z.object({
  seq: z.number().int().min(0),
  stream: LogStream,
  text: z.string().max(1_000_000).overwrite(toStorableText),
  /** `::metric` lines of this chunk; recorded once, with the chunk. */
  metrics: z.array(MetricPoint).max(1000).default([]),
});
export type LogChunk = z.input<typeof LogChunk>;
export const LogsRequest = z.object({ leaseId: z.uuid(), chunks: z.array(LogChunk).min(1).max(100) });
export type LogsRequest = z.input<typeof LogsRequest>;
export const LogsResponse = z.object({ accepted: z.number().int(), duplicates: z.number().int(), cancelRequested: z.boolean() });
export type LogsResponse = z.infer<typeof LogsResponse>;

/** One GPU's share of a job: seconds it was held and, when nvidia-smi reported power, its measured energy. */
export const GpuUsage = z.object({
  index: z.number().int().min(0),
  name: z.string().max(200).overwrite(toStorableText),
  seconds: z.number().nonnegative(),
  energyWh: z.number().nonnegative().nullable().default(null),
});
export type GpuUsage = z.infer<typeof GpuUsage>;

/**
 * What a job used. Fields added after protocol v1 are optional with defaults, so older agents still
 * validate. `cost`, `currency` and `co2eGrams` are computed by the SERVER at completion from the
 * organization's billing settings; whatever a runner sends there is ignored.
 */
export const Usage = z.object({
  wallSeconds: z.number().nonnegative(),
  /** CPU time (user + system) of the job's process group, sampled from /proc (see runner/usage.ts); 0 where the agent cannot measure it. */
  cpuSeconds: z.number().nonnegative().default(0),
  /** GPU-seconds over all the job's GPUs (Σ gpus[].seconds). */
  gpuSeconds: z.number().nonnegative(),
  gpus: z.array(GpuUsage).max(64).default([]),
  energyWh: z.number().nonnegative(),
  energySource: z.enum(["nvidia-smi", "cpu-estimate"]),
  cost: z.number().nonnegative().default(0),
  /** Server-computed (ISO 4217 code of `cost`). */
  currency: text().max(8).optional(),
  /** Server-computed: energyWh × grid intensity; null when no intensity is configured. */
  co2eGrams: z.number().nonnegative().nullable().optional(),
  /** Server-computed: how `cost` was priced ("runner": the runner's hourly rate; "rates": GPU-type and CPU rates). */
  costBasis: z.enum(["runner", "rates"]).optional(),
});
export type Usage = z.infer<typeof Usage>;
export type UsageInput = z.input<typeof Usage>;

export const JobOutcome = z.enum(["succeeded", "failed", "cancelled"]);
export const CompleteRequest = z.object({
  leaseId: z.uuid(),
  status: JobOutcome,
  exitCode: z.number().int().nullable(),
  failureReason: z.string().max(2000).overwrite(toStorableText).nullable().default(null),
  usage: Usage,
});
export type CompleteRequest = z.input<typeof CompleteRequest>;
export const CompleteResponse = z.object({
  state: z.enum(["succeeded", "failed", "cancelled"]),
  exitCode: z.number().int().nullable(),
  failureReason: z.string().nullable(),
});
export type CompleteResponse = z.infer<typeof CompleteResponse>;

export const ErrorBody = z.object({ code: z.string(), message: z.string() });
