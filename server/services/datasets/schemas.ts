import { z } from "zod";
import { text } from "@/lib/text";
import { COLUMN_TYPES, DATASET_FORMATS } from "@/db/schema";
import { ProjectKey, ProjectRef } from "../schemas";

export { ProjectRef };

export const DatasetName = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/, "must be 1–80 letters, digits, dots, dashes or underscores, starting with a letter or digit");
/** Stored in an integer (int4) column: a larger number would fail the query, not just find nothing. */
export const VersionNumber = z.coerce.number().int("must be a whole number").min(1, "must be at least 1").max(2_147_483_647, "must be at most 2147483647");
const Licence = text().trim().max(2000, "must be at most 2000 characters");
const Description = text().trim().max(2000, "must be at most 2000 characters");

export const DatasetRef = z.object({ key: ProjectKey, name: DatasetName });
export type DatasetRef = z.infer<typeof DatasetRef>;
export const VersionRef = DatasetRef.extend({ version: VersionNumber });
export type VersionRef = z.infer<typeof VersionRef>;

export const CreateDatasetInput = z.object({
  key: ProjectKey,
  name: DatasetName,
  description: Description.default(""),
  licence: Licence.min(1, "must say under which licence or terms the data may be used"),
  containsPersonalData: z.boolean(),
});
export type CreateDatasetInput = z.infer<typeof CreateDatasetInput>;

export const UpdateDatasetInput = DatasetRef.extend({
  description: Description.optional(),
  licence: Licence.min(1, "must not be empty").optional(),
  containsPersonalData: z.boolean().optional(),
});
export type UpdateDatasetInput = z.infer<typeof UpdateDatasetInput>;

export const DiffInput = VersionRef.extend({
  against: VersionNumber.optional().describe("The version to compare with; default: the previous version"),
});
export type DiffInput = z.infer<typeof DiffInput>;

// ---- outputs ----

const UserRef = z.object({ id: z.uuid(), name: z.string() }).nullable();

export const DatasetOut = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string(),
  licence: z.string(),
  containsPersonalData: z.boolean(),
  owner: z.object({ orgId: z.uuid(), orgSlug: z.string(), orgName: z.string() }),
  projectKey: z.string(),
  versionCount: z.number().int(),
  latestVersion: z.number().int().nullable(),
  createdBy: UserRef,
  createdAt: z.date(),
});
export type DatasetOut = z.infer<typeof DatasetOut>;

const SchemaColumnOut = z.object({ name: z.string(), type: z.enum(COLUMN_TYPES) });
const ColumnStatsOut = z.object({
  name: z.string(),
  type: z.enum(COLUMN_TYPES),
  count: z.number(),
  missing: z.number(),
  min: z.union([z.number(), z.string()]).optional(),
  max: z.union([z.number(), z.string()]).optional(),
  mean: z.number().optional(),
  std: z.number().optional(),
  top: z.array(z.object({ value: z.string(), count: z.number() })).optional(),
  distinct: z.number().optional(),
  distinctCapped: z.boolean().optional(),
});

export const VersionSummaryOut = z.object({
  id: z.uuid(),
  version: z.number().int(),
  sha256: z.string(),
  size: z.number(),
  format: z.enum(DATASET_FORMATS),
  rowCount: z.number(),
  columnCount: z.number().int(),
  originalFilename: z.string(),
  ready: z.boolean(),
  readyAt: z.date().nullable(),
  readyBy: UserRef,
  createdBy: UserRef,
  createdAt: z.date(),
});
export type VersionSummaryOut = z.infer<typeof VersionSummaryOut>;

export const VersionOut = VersionSummaryOut.extend({
  schema: z.array(SchemaColumnOut),
  stats: z.array(ColumnStatsOut),
  downloadUrl: z.string(),
});
export type VersionOut = z.infer<typeof VersionOut>;

export const DiffOut = z.object({
  version: z.number().int(),
  against: z.number().int().nullable(),
  columnsAdded: z.array(SchemaColumnOut),
  columnsRemoved: z.array(SchemaColumnOut),
  columnsRetyped: z.array(z.object({ name: z.string(), from: z.enum(COLUMN_TYPES), to: z.enum(COLUMN_TYPES) })),
  rowCount: z.object({ from: z.number().nullable(), to: z.number(), change: z.number().nullable() }),
  sameContent: z.boolean(),
});
export type DiffOut = z.infer<typeof DiffOut>;
