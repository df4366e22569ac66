import {
  bigint,
  doublePrecision,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./access";
import { projects } from "./projects";

/** MLflow tracking data. Times are epoch milliseconds (bigint), as MLflow sends and returns them. */
export const LIFECYCLE_STAGES = ["active", "deleted"] as const;
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];
export const RUN_STATUSES = ["RUNNING", "SCHEDULED", "FINISHED", "FAILED", "KILLED"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

const ms = () => bigint({ mode: "number" });

/** `id` is MLflow's experiment_id (sent as a string); global so an id never names two experiments. */
export const experiments = pgTable(
  "experiments",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    name: text().notNull(),
    artifactLocation: text().notNull(),
    lifecycleStage: text().$type<LifecycleStage>().notNull().default("active"),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    creationTime: ms().notNull(),
    lastUpdateTime: ms().notNull(),
  },
  (t) => [
    uniqueIndex("experiments_project_id_name_idx").on(t.projectId, t.name),
    index("experiments_created_by_idx").on(t.createdBy),
  ],
);

export const experimentTags = pgTable(
  "experiment_tags",
  {
    experimentId: bigint({ mode: "number" })
      .notNull()
      .references(() => experiments.id, { onDelete: "cascade" }),
    key: text().notNull(),
    value: text().notNull(),
  },
  (t) => [primaryKey({ name: "experiment_tags_pkey", columns: [t.experimentId, t.key] })],
);

/** `id` is MLflow's run_id: a uuid shown as 32 hex digits without dashes. */
export const runs = pgTable(
  "runs",
  {
    id: uuid().primaryKey().defaultRandom(),
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    experimentId: bigint({ mode: "number" })
      .notNull()
      .references(() => experiments.id, { onDelete: "cascade" }),
    name: text().notNull(),
    status: text().$type<RunStatus>().notNull().default("RUNNING"),
    startTime: ms().notNull(),
    endTime: ms(),
    /** The Runboard user whose token created the run; `mlflowUserId` is the free-text user_id MLflow clients send. */
    userId: uuid().references(() => users.id, { onDelete: "set null" }),
    mlflowUserId: text().notNull().default(""),
    lifecycleStage: text().$type<LifecycleStage>().notNull().default("active"),
    artifactUri: text().notNull(),
    deletedTime: ms(),
  },
  (t) => [
    index("runs_experiment_id_start_time_idx").on(t.experimentId, t.startTime),
    index("runs_project_id_idx").on(t.projectId),
    index("runs_user_id_idx").on(t.userId),
  ],
);

/** Write-once per (run, key): logging the same value again is accepted, another value is refused. */
export const runParams = pgTable(
  "run_params",
  {
    runId: uuid()
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    key: text().notNull(),
    value: text().notNull(),
  },
  (t) => [primaryKey({ name: "run_params_pkey", columns: [t.runId, t.key] })],
);

export const runTags = pgTable(
  "run_tags",
  {
    runId: uuid()
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    key: text().notNull(),
    value: text().notNull(),
  },
  (t) => [primaryKey({ name: "run_tags_pkey", columns: [t.runId, t.key] })],
);

/** Append-only metric points, one per (run, key, step, timestamp, value). double precision keeps NaN and ±Infinity as MLflow clients send them. */
export const metrics = pgTable(
  "metrics",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    runId: uuid()
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    key: text().notNull(),
    value: doublePrecision().notNull(),
    step: bigint({ mode: "number" }).notNull().default(0),
    timestamp: ms().notNull(),
  },
  (t) => [
    index("metrics_run_id_key_step_timestamp_idx").on(t.runId, t.key, t.step, t.timestamp, t.id),
    // MLflow's own key: a point logged again (a retried log-batch whose answer was lost) is stored once.
    uniqueIndex("metrics_run_id_key_step_timestamp_value_idx").on(t.runId, t.key, t.step, t.timestamp, t.value),
  ],
);

/** The latest point per (run, key) by (step, timestamp), kept on write so run search and listing never scan `metrics`. */
export const latestMetrics = pgTable(
  "latest_metrics",
  {
    runId: uuid()
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    key: text().notNull(),
    value: doublePrecision().notNull(),
    step: bigint({ mode: "number" }).notNull(),
    timestamp: ms().notNull(),
  },
  (t) => [
    primaryKey({ name: "latest_metrics_pkey", columns: [t.runId, t.key] }),
    index("latest_metrics_key_value_idx").on(t.key, t.value),
  ],
);

export interface InputTag {
  key: string;
  value: string;
}

/**
 * Dataset inputs of a run, as MLflow's log-inputs sends them. A later dataset_versions table will
 * be linked from here (by digest) without changing what clients send.
 */
export const runInputs = pgTable(
  "run_inputs",
  {
    id: uuid().primaryKey().defaultRandom(),
    runId: uuid()
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    name: text().notNull(),
    digest: text().notNull(),
    sourceType: text().notNull(),
    source: text().notNull(),
    schema: text(),
    profile: text(),
    tags: jsonb().$type<InputTag[]>().notNull().default([]),
    createdAt: ms().notNull(),
  },
  (t) => [uniqueIndex("run_inputs_run_id_name_digest_idx").on(t.runId, t.name, t.digest)],
);
