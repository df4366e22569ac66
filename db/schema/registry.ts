import { bigint, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./access";
import { experiments, runs } from "./pipeline";
import { projects } from "./projects";

/** MLflow model registry and MLflow 3 logged models. Times are epoch milliseconds, as MLflow sends them. */
export const MODEL_STAGES = ["None", "Staging", "Production", "Archived"] as const;
export type ModelStage = (typeof MODEL_STAGES)[number];
export const LOGGED_MODEL_STATUSES = ["LOGGED_MODEL_PENDING", "LOGGED_MODEL_READY", "LOGGED_MODEL_UPLOAD_FAILED"] as const;
export type LoggedModelStatus = (typeof LOGGED_MODEL_STATUSES)[number];

/** Inputs and outputs of an ONNX model as onnxruntime reports them. */
export interface OnnxValueInfo {
  name: string;
  isTensor: boolean;
  type: string | null;
  shape: (number | string)[];
}
export interface OnnxIo {
  file: string;
  inputs: OnnxValueInfo[];
  outputs: OnnxValueInfo[];
}

const ms = () => bigint({ mode: "number" });

export const registeredModels = pgTable(
  "registered_models",
  {
    id: uuid().primaryKey().defaultRandom(),
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    name: text().notNull(),
    description: text().notNull().default(""),
    /** Version numbers are never reused, even after a version is deleted. */
    lastVersion: integer().notNull().default(0),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    creationTime: ms().notNull(),
    lastUpdatedTime: ms().notNull(),
  },
  (t) => [uniqueIndex("registered_models_project_id_name_idx").on(t.projectId, t.name)],
);

export const registeredModelTags = pgTable(
  "registered_model_tags",
  {
    modelId: uuid()
      .notNull()
      .references(() => registeredModels.id, { onDelete: "cascade" }),
    key: text().notNull(),
    value: text().notNull(),
  },
  (t) => [primaryKey({ name: "registered_model_tags_pkey", columns: [t.modelId, t.key] })],
);

export const modelVersions = pgTable(
  "model_versions",
  {
    id: uuid().primaryKey().defaultRandom(),
    modelId: uuid()
      .notNull()
      .references(() => registeredModels.id, { onDelete: "cascade" }),
    version: integer().notNull(),
    /** As the client sent it (`runs:/…`, `models:/…`, `mlflow-artifacts:/…`). */
    source: text().notNull(),
    /** The proxied artifact path the source resolves to (`<exp>/<run>/artifacts/model`). */
    storagePath: text().notNull(),
    runId: uuid().references(() => runs.id, { onDelete: "set null" }),
    status: text().notNull().default("READY"),
    stage: text().$type<ModelStage>().notNull().default("None"),
    description: text().notNull().default(""),
    userId: uuid().references(() => users.id, { onDelete: "set null" }),
    onnxIo: jsonb().$type<OnnxIo>(),
    creationTime: ms().notNull(),
    lastUpdatedTime: ms().notNull(),
  },
  (t) => [uniqueIndex("model_versions_model_id_version_idx").on(t.modelId, t.version), index("model_versions_run_id_idx").on(t.runId)],
);

export const modelVersionTags = pgTable(
  "model_version_tags",
  {
    versionId: uuid()
      .notNull()
      .references(() => modelVersions.id, { onDelete: "cascade" }),
    key: text().notNull(),
    value: text().notNull(),
  },
  (t) => [primaryKey({ name: "model_version_tags_pkey", columns: [t.versionId, t.key] })],
);

export const modelAliases = pgTable(
  "model_aliases",
  {
    modelId: uuid()
      .notNull()
      .references(() => registeredModels.id, { onDelete: "cascade" }),
    alias: text().notNull(),
    versionId: uuid()
      .notNull()
      .references(() => modelVersions.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ name: "model_aliases_pkey", columns: [t.modelId, t.alias] }), index("model_aliases_version_id_idx").on(t.versionId)],
);

export const MODEL_EVENT_KINDS = ["version_created", "version_deleted", "alias_set", "alias_deleted", "stage_changed", "renamed"] as const;
export type ModelEventKind = (typeof MODEL_EVENT_KINDS)[number];

/** The model's history: alias moves (from → to version), stage transitions, who and when. Versions are numbers, so history outlives deletes. */
export const modelEvents = pgTable(
  "model_events",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    modelId: uuid()
      .notNull()
      .references(() => registeredModels.id, { onDelete: "cascade" }),
    kind: text().$type<ModelEventKind>().notNull(),
    version: integer(),
    alias: text(),
    fromVersion: integer(),
    toVersion: integer(),
    fromStage: text(),
    toStage: text(),
    detail: text(),
    actorId: uuid().references(() => users.id, { onDelete: "set null" }),
    at: ms().notNull(),
  },
  (t) => [index("model_events_model_id_at_idx").on(t.modelId, t.at)],
);

/** MLflow 3 logged models; `id` is MLflow's model_id (`m-` + 32 hex digits). */
export const loggedModels = pgTable(
  "logged_models",
  {
    id: text().primaryKey(),
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    experimentId: bigint({ mode: "number" })
      .notNull()
      .references(() => experiments.id, { onDelete: "cascade" }),
    name: text().notNull(),
    modelType: text(),
    sourceRunId: uuid().references(() => runs.id, { onDelete: "set null" }),
    status: text().$type<LoggedModelStatus>().notNull().default("LOGGED_MODEL_PENDING"),
    statusMessage: text(),
    artifactUri: text().notNull(),
    creatorId: uuid().references(() => users.id, { onDelete: "set null" }),
    creationTime: ms().notNull(),
    lastUpdatedTime: ms().notNull(),
  },
  (t) => [index("logged_models_project_id_experiment_id_idx").on(t.projectId, t.experimentId), index("logged_models_source_run_id_idx").on(t.sourceRunId)],
);

export const loggedModelTags = pgTable(
  "logged_model_tags",
  {
    modelId: text()
      .notNull()
      .references(() => loggedModels.id, { onDelete: "cascade" }),
    key: text().notNull(),
    value: text().notNull(),
  },
  (t) => [primaryKey({ name: "logged_model_tags_pkey", columns: [t.modelId, t.key] })],
);

export const loggedModelParams = pgTable(
  "logged_model_params",
  {
    modelId: text()
      .notNull()
      .references(() => loggedModels.id, { onDelete: "cascade" }),
    key: text().notNull(),
    value: text().notNull(),
  },
  (t) => [primaryKey({ name: "logged_model_params_pkey", columns: [t.modelId, t.key] })],
);

/** MLflow 3 run outputs: logged models a run produced, at a step (runs/outputs). */
export const runOutputs = pgTable(
  "run_outputs",
  {
    runId: uuid()
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    modelId: text()
      .notNull()
      .references(() => loggedModels.id, { onDelete: "cascade" }),
    step: bigint({ mode: "number" }).notNull().default(0),
  },
  (t) => [primaryKey({ name: "run_outputs_pkey", columns: [t.runId, t.modelId, t.step] }), index("run_outputs_model_id_idx").on(t.modelId)],
);
