import { bigint, boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt } from "./columns";
import { users } from "./access";
import { projectOwnedColumns } from "./projects";

export const DATASET_FORMATS = ["csv", "jsonl"] as const;
export type DatasetFormat = (typeof DATASET_FORMATS)[number];
export const COLUMN_TYPES = ["integer", "number", "boolean", "datetime", "string", "empty"] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];

export interface SchemaColumn {
  name: string;
  type: ColumnType;
}

export interface ColumnStats {
  name: string;
  type: ColumnType;
  count: number;
  missing: number;
  /** Numbers: min/max/mean/std (population); datetimes: min/max as ISO strings. */
  min?: number | string;
  max?: number | string;
  mean?: number;
  std?: number;
  /** Most frequent values with counts; approximate once more than `DISTINCT_CAP` distinct values were seen. */
  top?: { value: string; count: number }[];
  distinct?: number;
  distinctCapped?: boolean;
}

/** `orgId` is the owning organization, copied from the project so every query can filter on it directly. */
export const datasets = pgTable(
  "datasets",
  {
    ...projectOwnedColumns(),
    name: text().notNull(),
    description: text().notNull().default(""),
    licence: text().notNull().default(""),
    containsPersonalData: boolean().notNull().default(false),
    versionSeq: integer().notNull().default(0),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("datasets_project_id_name_idx").on(t.projectId, t.name),
    index("datasets_org_id_idx").on(t.orgId),
    index("datasets_created_by_idx").on(t.createdBy),
  ],
);

/** Immutable once written: only the ready mark changes. The blob lives at `storageKey`, shared by equal content. */
export const datasetVersions = pgTable(
  "dataset_versions",
  {
    id: uuid().primaryKey().defaultRandom(),
    datasetId: uuid()
      .notNull()
      .references(() => datasets.id, { onDelete: "cascade" }),
    version: integer().notNull(),
    sha256: text().notNull(),
    size: bigint({ mode: "number" }).notNull(),
    format: text().$type<DatasetFormat>().notNull(),
    rowCount: bigint({ mode: "number" }).notNull(),
    schema: jsonb().$type<SchemaColumn[]>().notNull(),
    stats: jsonb().$type<ColumnStats[]>().notNull(),
    storageKey: text().notNull(),
    originalFilename: text().notNull().default(""),
    readyAt: timestamp({ withTimezone: true }),
    readyBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("dataset_versions_dataset_id_version_idx").on(t.datasetId, t.version),
    uniqueIndex("dataset_versions_dataset_id_sha256_idx").on(t.datasetId, t.sha256),
    index("dataset_versions_sha256_idx").on(t.sha256),
    index("dataset_versions_ready_by_idx").on(t.readyBy),
    index("dataset_versions_created_by_idx").on(t.createdBy),
  ],
);
