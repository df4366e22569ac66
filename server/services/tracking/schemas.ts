import { z } from "zod";
import { text } from "@/lib/text";
import { RUN_STATUSES } from "@/db/schema";
import { ProjectKey, ProjectRef } from "../schemas";

export const RunId = z.string().regex(/^[0-9a-fA-F-]{32,36}$/, "must be a run id");
export const MetricKey = text().min(1).max(250);

export const ListExperimentsInput = ProjectRef;
export type ListExperimentsInput = z.infer<typeof ListExperimentsInput>;

export const ListRunsInput = z.object({
  key: ProjectKey,
  experimentId: z.string().regex(/^\d{1,15}$/).optional(),
  /** Words match the run name or id; an MLflow filter (`metrics.acc > 0.9 and params.lr = '0.1'`) is applied as such. */
  q: text().max(500).optional(),
  status: z.enum(RUN_STATUSES).optional(),
  /** `start_time`, `end_time`, `run_name`, `status`, `metrics.<key>` or `params.<key>`. */
  sort: text().max(260).default("start_time"),
  dir: z.enum(["asc", "desc"]).default("desc"),
  params: z.array(text().max(250)).max(50).default([]),
  metrics: z.array(text().max(250)).max(50).default([]),
  limit: z.number().int().min(1).max(1000).default(100),
  offset: z.number().int().min(0).default(0),
});
export type ListRunsInput = z.input<typeof ListRunsInput>;

export const GetRunInput = z.object({ key: ProjectKey, runId: RunId });
export type GetRunInput = z.infer<typeof GetRunInput>;

export const MetricSeriesInput = z.object({
  key: ProjectKey,
  runIds: z.array(RunId).min(1).max(20),
  metricKey: MetricKey,
  maxPoints: z.number().int().min(10).max(10_000).default(1000),
});
export type MetricSeriesInput = z.input<typeof MetricSeriesInput>;

export const ListArtifactsInput = z.object({ key: ProjectKey, runId: RunId, path: text().max(1024).default("") });
export type ListArtifactsInput = z.input<typeof ListArtifactsInput>;
