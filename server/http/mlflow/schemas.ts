import { z } from "zod";
import { RUN_STATUSES } from "@/db/schema";

/** MLflow wire types: proto3 JSON sends int64 as numbers or decimal strings, doubles as numbers or "NaN"/"Infinity". */
export const Int64 = z
  .union([z.number(), z.string().regex(/^-?\d+$/, "must be an integer").transform(Number)])
  .refine(Number.isSafeInteger, "must be an integer");
export const Double = z.union([
  z.number(),
  z.enum(["NaN", "Infinity", "-Infinity"]).transform((v) => (v === "NaN" ? NaN : v === "Infinity" ? Infinity : -Infinity)),
  z.string().regex(/^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/, "must be a number").transform(Number),
]);
const Str = z.union([z.string(), z.number().transform(String), z.boolean().transform(String)]);
const Id = z.union([z.string().min(1, "must not be empty"), z.number().transform(String)]);
const StrList = z.preprocess((v) => (typeof v === "string" ? [v] : v), z.array(z.string()));
const IdList = z.preprocess((v) => (typeof v === "string" || typeof v === "number" ? [v] : v), z.array(Id));
export const KeyValue = z.object({ key: z.string(), value: Str });
const Tags = z.array(KeyValue).optional();
const ViewType = z.enum(["ACTIVE_ONLY", "DELETED_ONLY", "ALL"]).optional();
/** run_uuid is MLflow's deprecated name for run_id; clients still send both. */
const RunRef = { run_id: z.string().optional(), run_uuid: z.string().optional() };
export const runIdOf = (b: { run_id?: string; run_uuid?: string }) => b.run_id ?? b.run_uuid ?? "";

export const CreateExperiment = z.object({ name: z.string(), artifact_location: z.string().optional(), tags: Tags });
export const ExperimentRef = z.object({ experiment_id: Id });
export const GetExperimentByName = z.object({ experiment_name: z.string() });
export const SearchExperiments = z.object({
  max_results: Int64.optional(),
  page_token: z.string().optional(),
  filter: z.string().optional(),
  order_by: StrList.optional(),
  view_type: ViewType,
});
export const UpdateExperiment = z.object({ experiment_id: Id, new_name: z.string() });
export const SetExperimentTag = z.object({ experiment_id: Id, key: z.string(), value: Str });

export const CreateRun = z.object({
  experiment_id: Id.optional(),
  user_id: z.string().optional(),
  run_name: z.string().optional(),
  start_time: Int64.optional(),
  tags: Tags,
});
export const RunRefBody = z.object(RunRef);
export const UpdateRun = z.object({
  ...RunRef,
  status: z.enum(RUN_STATUSES).optional(),
  end_time: Int64.optional(),
  run_name: z.string().optional(),
});
export const SearchRuns = z.object({
  experiment_ids: IdList.optional(),
  filter: z.string().optional(),
  run_view_type: ViewType,
  max_results: Int64.optional(),
  order_by: StrList.optional(),
  page_token: z.string().optional(),
});
const Metric = z.object({ key: z.string(), value: Double, timestamp: Int64, step: Int64.optional() });
export const LogMetric = z.object({ ...RunRef, key: z.string(), value: Double, timestamp: Int64, step: Int64.optional() });
export const LogParam = z.object({ ...RunRef, key: z.string(), value: Str });
export const LogBatch = z.object({
  run_id: z.string(),
  metrics: z.array(Metric).optional(),
  params: z.array(KeyValue).optional(),
  tags: z.array(KeyValue).optional(),
});
export const SetTag = z.object({ ...RunRef, key: z.string(), value: Str });
export const DeleteTag = z.object({ run_id: z.string(), key: z.string() });
export const LogInputs = z.object({
  run_id: z.string(),
  datasets: z
    .array(
      z.object({
        tags: Tags,
        dataset: z.object({
          name: z.string(),
          digest: z.string(),
          source_type: z.string(),
          source: z.string(),
          schema: z.string().optional(),
          profile: z.string().optional(),
        }),
      }),
    )
    .optional(),
});
export const GetMetricHistory = z.object({
  ...RunRef,
  metric_key: z.string(),
  page_token: z.string().optional(),
  max_results: Int64.optional(),
});
