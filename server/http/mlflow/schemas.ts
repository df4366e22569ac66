import { z } from "zod";
import { text } from "@/lib/text";
import { RUN_STATUSES } from "@/server/services/domain";

/** MLflow wire types: proto3 JSON sends int64 as numbers or decimal strings, doubles as numbers or "NaN"/"Infinity". */
export const Int64 = z
  .union([z.number(), text().regex(/^-?\d+$/, "must be an integer").transform(Number)])
  .refine(Number.isSafeInteger, "must be an integer");
export const Double = z.union([
  z.number(),
  z.enum(["NaN", "Infinity", "-Infinity"]).transform((v) => (v === "NaN" ? NaN : v === "Infinity" ? Infinity : -Infinity)),
  text().regex(/^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/, "must be a number").transform(Number),
]);
const Str = z.union([text(), z.number().transform(String), z.boolean().transform(String)]);
const Id = z.union([text().min(1, "must not be empty"), z.number().transform(String)]);
const StrList = z.preprocess((v) => (typeof v === "string" ? [v] : v), z.array(text()));
const IdList = z.preprocess((v) => (typeof v === "string" || typeof v === "number" ? [v] : v), z.array(Id));
export const KeyValue = z.object({ key: text(), value: Str });
const Tags = z.array(KeyValue).optional();
const ViewType = z.enum(["ACTIVE_ONLY", "DELETED_ONLY", "ALL"]).optional();
/** run_uuid is MLflow's deprecated name for run_id; clients still send both. */
const RunRef = { run_id: text().optional(), run_uuid: text().optional() };
export const runIdOf = (b: { run_id?: string; run_uuid?: string }) => b.run_id ?? b.run_uuid ?? "";

/**
 * The server assigns every artifact location (mlflow-artifacts:/<id>). A client's value is ignored,
 * but one that tries to smuggle a fragment, a query string or ".." is refused outright.
 */
const ClientArtifactLocation = text()
  .refine((v) => !/[?#]/.test(v) && !v.split(/[/\\]/).includes(".."), "artifact_location: must not contain a query string, a fragment or '..'; the server assigns it")
  .optional();
export const CreateExperiment = z.object({ name: text(), artifact_location: ClientArtifactLocation, tags: Tags });
export const ExperimentRef = z.object({ experiment_id: Id });
export const GetExperimentByName = z.object({ experiment_name: text() });
export const SearchExperiments = z.object({
  max_results: Int64.optional(),
  page_token: text().optional(),
  filter: text().optional(),
  order_by: StrList.optional(),
  view_type: ViewType,
});
export const UpdateExperiment = z.object({ experiment_id: Id, new_name: text() });
export const SetExperimentTag = z.object({ experiment_id: Id, key: text(), value: Str });

export const CreateRun = z.object({
  experiment_id: Id.optional(),
  user_id: text().optional(),
  run_name: text().optional(),
  start_time: Int64.optional(),
  tags: Tags,
});
export const RunRefBody = z.object(RunRef);
export const UpdateRun = z.object({
  ...RunRef,
  status: z.enum(RUN_STATUSES).optional(),
  end_time: Int64.optional(),
  run_name: text().optional(),
});
export const SearchRuns = z.object({
  experiment_ids: IdList.optional(),
  filter: text().optional(),
  run_view_type: ViewType,
  max_results: Int64.optional(),
  order_by: StrList.optional(),
  page_token: text().optional(),
});
export const LogOutputs = z.object({ ...RunRef, models: z.array(z.object({ model_id: text().min(1), step: Int64.optional() })).max(100).default([]) });
const Metric = z.object({ key: text(), value: Double, timestamp: Int64, step: Int64.optional() });
export const LogMetric = z.object({ ...RunRef, key: text(), value: Double, timestamp: Int64, step: Int64.optional() });
export const LogParam = z.object({ ...RunRef, key: text(), value: Str });
export const LogBatch = z.object({
  run_id: text(),
  metrics: z.array(Metric).optional(),
  params: z.array(KeyValue).optional(),
  tags: z.array(KeyValue).optional(),
});
export const SetTag = z.object({ ...RunRef, key: text(), value: Str });
export const DeleteTag = z.object({ run_id: text(), key: text() });
export const LogInputs = z.object({
  run_id: text(),
  datasets: z
    .array(
      z.object({
        tags: Tags,
        dataset: z.object({
          name: text(),
          digest: text(),
          source_type: text(),
          source: text(),
          schema: text().optional(),
          profile: text().optional(),
        }),
      }),
    )
    .optional(),
});
export const GetMetricHistory = z.object({
  ...RunRef,
  metric_key: text(),
  page_token: text().optional(),
  max_results: Int64.optional(),
});

/* ---- artifacts, model registry, logged models ---- */
const Name = text().min(1, "must not be empty");
const Version = z.union([text(), z.number().transform(String)]);
const Bool = z.union([z.boolean(), z.enum(["true", "false", "True", "False"]).transform((v) => v.toLowerCase() === "true")]);
export const ListArtifacts = z.object({ ...RunRef, path: text().optional(), page_token: text().optional() });
export const CreateRegisteredModel = z.object({ name: text(), tags: Tags, description: text().optional() });
export const ModelRef = z.object({ name: Name });
export const UpdateRegisteredModel = z.object({ name: Name, description: text().optional() });
export const RenameRegisteredModel = z.object({ name: Name, new_name: text() });
export const SearchRegistry = z.object({
  filter: text().optional(),
  max_results: Int64.optional(),
  order_by: StrList.optional(),
  page_token: text().optional(),
});
export const GetLatestVersions = z.object({ name: Name, stages: StrList.optional() });
export const SetModelTag = z.object({ name: Name, key: text(), value: Str });
export const DeleteModelTag = z.object({ name: Name, key: text() });
export const CreateModelVersion = z.object({
  name: Name,
  source: text().min(1, "must not be empty"),
  run_id: text().optional(),
  tags: Tags,
  run_link: text().optional(),
  description: text().optional(),
  model_id: text().optional(),
});
export const VersionRef = z.object({ name: Name, version: Version });
export const UpdateModelVersion = z.object({ name: Name, version: Version, description: text().optional() });
export const SetVersionTag = z.object({ name: Name, version: Version, key: text(), value: Str });
export const DeleteVersionTag = z.object({ name: Name, version: Version, key: text() });
export const TransitionStage = z.object({ name: Name, version: Version, stage: text(), archive_existing_versions: Bool });
export const SetAlias = z.object({ name: Name, alias: text(), version: Version });
export const AliasRef = z.object({ name: Name, alias: text() });

export const CreateLoggedModel = z.object({
  experiment_id: Id,
  name: text().optional(),
  model_type: text().optional(),
  source_run_id: text().optional(),
  params: z.array(KeyValue).optional(),
  tags: Tags,
});
export const LoggedModelRef = z.object({ model_id: text() });
export const FinalizeLoggedModel = z.object({ model_id: text(), status: text() });
export const SetLoggedModelTags = z.object({ model_id: text(), tags: z.array(KeyValue) });
export const DeleteLoggedModelTag = z.object({ model_id: text(), tag_key: text() });
export const SearchLoggedModels = z.object({
  experiment_ids: IdList.optional(),
  filter: text().optional(),
  max_results: Int64.optional(),
  order_by: z.array(z.object({ field_name: text(), ascending: z.boolean().optional() })).optional(),
  page_token: text().optional(),
});
