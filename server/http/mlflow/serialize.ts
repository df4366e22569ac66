import type { ExperimentWithTags } from "@/server/services/mlflow/experiments";
import { runIdHex, type KeyValue, type Run } from "@/server/services/mlflow/internal";
import type { LoggedModel } from "@/server/services/mlflow/logged-models";
import type { RunWithData } from "@/server/services/mlflow/runs";
import type { ModelVersionWithData, RegisteredModelWithData } from "@/server/services/registry/internal";

/** A response body that is already JSON text (the handler sends it as is instead of Response.json). */
export class RawJson {
  constructor(readonly text: string) {}
}

/** proto3 JSON: non-finite doubles are the strings "NaN", "Infinity", "-Infinity"; empty lists are left out. */
export function jsonDouble(v: number): number | string {
  if (Number.isNaN(v)) return "NaN";
  if (v === Infinity) return "Infinity";
  if (v === -Infinity) return "-Infinity";
  return v;
}

const nonEmpty = <K extends string, T>(key: K, list: T[]) => (list.length > 0 ? { [key]: list } : {}) as Partial<Record<K, T[]>>;

export function experimentJson(e: ExperimentWithTags) {
  return {
    experiment_id: String(e.id),
    name: e.name,
    artifact_location: e.artifactLocation,
    lifecycle_stage: e.lifecycleStage,
    last_update_time: e.lastUpdateTime,
    creation_time: e.creationTime,
    ...nonEmpty("tags", e.tags),
  };
}

export function runInfoJson(r: Run) {
  const id = runIdHex(r.id);
  return {
    run_id: id,
    run_uuid: id,
    run_name: r.name,
    experiment_id: String(r.experimentId),
    user_id: r.mlflowUserId,
    status: r.status,
    start_time: r.startTime,
    ...(r.endTime !== null ? { end_time: r.endTime } : {}),
    artifact_uri: r.artifactUri,
    lifecycle_stage: r.lifecycleStage,
  };
}

export function metricJson(m: { key: string; value: number; step: number; timestamp: number }) {
  return { key: m.key, value: jsonDouble(m.value), timestamp: m.timestamp, step: m.step };
}

const kv = (list: KeyValue[]) => list.map(({ key, value }) => ({ key, value }));

export function runJson(r: RunWithData) {
  const { metrics, params, tags, inputs, outputs } = r.data;
  return {
    info: runInfoJson(r),
    data: { ...nonEmpty("metrics", metrics.map(metricJson)), ...nonEmpty("params", kv(params)), ...nonEmpty("tags", kv(tags)) },
    inputs: nonEmpty(
      "dataset_inputs",
      inputs.map((i) => ({
        ...nonEmpty("tags", kv(i.tags)),
        dataset: {
          name: i.name,
          digest: i.digest,
          source_type: i.sourceType,
          source: i.source,
          ...(i.schema !== null ? { schema: i.schema } : {}),
          ...(i.profile !== null ? { profile: i.profile } : {}),
        },
      })),
    ),
    // MLflow 3's outputs; left out when empty so MLflow 2 clients see the shape they know.
    ...(outputs.length ? { outputs: { model_outputs: outputs.map((o) => ({ model_id: o.modelId, step: o.step })) } } : {}),
  };
}

/* ---- artifacts, model registry, logged models ---- */
export function fileInfoJson(f: { path: string; isDir: boolean; size: number | null }) {
  return { path: f.path, is_dir: f.isDir, ...(f.isDir || f.size === null ? {} : { file_size: f.size }) };
}

export function modelVersionJson(v: ModelVersionWithData) {
  return {
    name: v.modelName,
    version: String(v.version),
    creation_timestamp: v.creationTime,
    last_updated_timestamp: v.lastUpdatedTime,
    current_stage: v.stage,
    ...(v.description ? { description: v.description } : {}),
    source: v.source,
    ...(v.runId ? { run_id: runIdHex(v.runId) } : {}),
    status: v.status,
    ...nonEmpty("tags", kv(v.tags)),
    ...nonEmpty("aliases", v.aliases),
  };
}

export function registeredModelJson(m: RegisteredModelWithData) {
  return {
    name: m.name,
    creation_timestamp: m.creationTime,
    last_updated_timestamp: m.lastUpdatedTime,
    ...(m.description ? { description: m.description } : {}),
    ...nonEmpty("latest_versions", m.latestVersions.map(modelVersionJson)),
    ...nonEmpty("tags", kv(m.tags)),
    ...nonEmpty("aliases", m.aliases.map((a) => ({ alias: a.alias, version: String(a.version) }))),
  };
}

export function loggedModelJson(m: LoggedModel) {
  return {
    info: {
      model_id: m.id,
      experiment_id: String(m.experimentId),
      name: m.name,
      creation_timestamp_ms: m.creationTime,
      last_updated_timestamp_ms: m.lastUpdatedTime,
      artifact_uri: m.artifactUri,
      status: m.status,
      ...(m.modelType ? { model_type: m.modelType } : {}),
      ...(m.sourceRunId ? { source_run_id: runIdHex(m.sourceRunId) } : {}),
      ...(m.statusMessage ? { status_message: m.statusMessage } : {}),
      ...nonEmpty("tags", kv(m.tags)),
    },
    data: { ...nonEmpty("params", kv(m.params)) },
  };
}

/** The search options every MLflow search body carries, as the service verbs take them. */
export function searchOptions<O>(b: { filter?: string; max_results?: number; order_by?: O; page_token?: string }) {
  return { filter: b.filter, maxResults: b.max_results, orderBy: b.order_by, pageToken: b.page_token };
}

/** `next_page_token`, present only when there is a next page. */
export const page = (token?: string) => (token ? { next_page_token: token } : {});

/** One page of search results under `key`: MLflow leaves out an empty list and the token of the last page. */
export function pageJson<T>(key: string, items: T[], token?: string) {
  return { ...(items.length ? { [key]: items } : {}), ...page(token) };
}
