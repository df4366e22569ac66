import { z } from "zod";
import { text } from "@/lib/text";
import { JOB_STATES } from "@/db/schema";
import { JobSpec, Label, Usage } from "@/runner/protocol";
import { ProjectKey } from "../schemas";

export const CreateJobInput = z.object({
  key: ProjectKey,
  spec: JobSpec,
  /** The card the job was started from, e.g. "CHURN-42". */
  card: z.string().regex(/^[A-Za-z][A-Za-z0-9]{1,9}-\d+$/, "must be a card key like CHURN-42").optional(),
  gpus: z.number().int().min(0).max(16).default(0),
  labels: z.array(Label).max(20).default([]),
  timeoutSeconds: z.number().int().min(1).max(7 * 24 * 3600).default(3600),
  maxAttempts: z.number().int().min(1).max(10).default(3),
  /** MLflow experiment name; created if missing. Default: the project's "Default" experiment. */
  experiment: text().trim().min(1).max(500).optional(),
  datasets: z.array(z.object({ name: text().min(1), version: z.number().int().min(1) })).max(20).default([]),
});
export type CreateJobInput = z.input<typeof CreateJobInput>;

export const JobRef = z.object({ id: z.uuid() });
export const ListJobsInput = z.object({
  state: z.enum(JOB_STATES).optional(),
  key: ProjectKey.optional(),
  limit: z.number().int().min(1).max(200).default(50),
});
export const JobLogsInput = z.object({
  id: z.uuid(),
  /** Only log lines stored after this cursor (the `cursor` of a previous answer). */
  after: z.number().int().min(0).default(0),
  /** Only this attempt's lines (each attempt of a requeued job logs separately). */
  attempt: z.number().int().min(1).optional(),
  limit: z.number().int().min(1).max(5000).default(1000),
});

export const JobOut = z.object({
  id: z.uuid(),
  project: z.string(),
  card: z.string().nullable(),
  kind: z.string(),
  spec: JobSpec,
  gpus: z.number().int(),
  labels: z.array(z.string()),
  state: z.enum(JOB_STATES),
  attempt: z.number().int(),
  maxAttempts: z.number().int(),
  timeoutSeconds: z.number().int(),
  runner: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  runId: z.string(),
  cancelRequested: z.boolean(),
  exitCode: z.number().int().nullable(),
  failureReason: z.string().nullable(),
  usage: Usage.nullable(),
  queuedAt: z.date(),
  startedAt: z.date().nullable(),
  finishedAt: z.date().nullable(),
});
export type JobOut = z.infer<typeof JobOut>;

export const JobLogsOut = z.object({
  lines: z.array(z.object({ attempt: z.number().int(), seq: z.number().int(), stream: z.string(), text: z.string(), at: z.date() })),
  cursor: z.number().int(),
});
