import { and, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { datasets, datasetVersions, projects, users } from "@/db/schema";
import type { OrgContext } from "../context";
import { NotFoundError } from "../errors";
import type { DatasetOut, VersionOut, VersionSummaryOut } from "./schemas";

export type Dataset = typeof datasets.$inferSelect;
export type DatasetVersion = typeof datasetVersions.$inferSelect;

/** Content-addressed: identical bytes share one blob, whichever dataset or project uploaded them. */
export function blobKey(sha256: string): string {
  return `blobs/${sha256.slice(0, 2)}/${sha256}`;
}

/** A dataset of the caller's organization; one of another organization is "not found". */
export async function findDataset(db: Db, ctx: OrgContext, ref: { key: string; name: string }, { lock = false } = {}) {
  const q = db
    .select({ dataset: datasets, projectKey: projects.key })
    .from(datasets)
    .innerJoin(projects, eq(projects.id, datasets.projectId))
    .where(and(eq(datasets.orgId, ctx.org.id), eq(projects.orgId, ctx.org.id), eq(projects.key, ref.key), eq(datasets.name, ref.name)))
    .limit(1);
  const [row] = lock ? await q.for("update", { of: datasets }) : await q;
  if (!row) throw new NotFoundError(`Dataset ${ref.name}`, `Dataset ${ref.name} not found in project ${ref.key}`);
  return row;
}

const readyUser = alias(users, "ready_user");
const createdUser = alias(users, "created_user");

/** Versions of one dataset with the names of who uploaded and who marked them ready. */
export function selectVersions(db: Db) {
  return db
    .select({
      v: datasetVersions,
      readyBy: { id: readyUser.id, name: readyUser.name },
      createdBy: { id: createdUser.id, name: createdUser.name },
    })
    .from(datasetVersions)
    .leftJoin(readyUser, eq(readyUser.id, datasetVersions.readyBy))
    .leftJoin(createdUser, eq(createdUser.id, datasetVersions.createdBy));
}

type VersionRow = Awaited<ReturnType<typeof selectVersions>>[number];

export async function findVersion(db: Db, datasetId: string, version: number): Promise<VersionRow> {
  const [row] = await selectVersions(db)
    .where(and(eq(datasetVersions.datasetId, datasetId), eq(datasetVersions.version, version)))
    .limit(1);
  if (!row) throw new NotFoundError(`Version ${version}`);
  return row;
}

const userRef = (u: { id: string | null; name: string | null } | null) => (u?.id ? { id: u.id, name: u.name ?? "" } : null);

export function toVersionSummary(row: VersionRow): VersionSummaryOut {
  const { v } = row;
  return {
    id: v.id,
    version: v.version,
    sha256: v.sha256,
    size: v.size,
    format: v.format,
    rowCount: v.rowCount,
    columnCount: v.schema.length,
    originalFilename: v.originalFilename,
    ready: v.readyAt !== null,
    readyAt: v.readyAt,
    readyBy: userRef(row.readyBy),
    createdBy: userRef(row.createdBy),
    createdAt: v.createdAt,
  };
}

export function downloadPath(org: string, key: string, name: string, version: number) {
  return `/api/v1/orgs/${org}/projects/${key}/datasets/${encodeURIComponent(name)}/versions/${version}/download`;
}

export function toVersionOut(ctx: OrgContext, projectKey: string, datasetName: string, row: VersionRow): VersionOut {
  return {
    ...toVersionSummary(row),
    schema: row.v.schema,
    stats: row.v.stats,
    downloadUrl: downloadPath(ctx.org.slug, projectKey, datasetName, row.v.version),
  };
}

export function toDatasetOut(
  ctx: OrgContext,
  projectKey: string,
  d: Dataset,
  extra: { versionCount: number; latestVersion: number | null; createdBy: { id: string | null; name: string | null } | null },
): DatasetOut {
  return {
    id: d.id,
    name: d.name,
    description: d.description,
    licence: d.licence,
    containsPersonalData: d.containsPersonalData,
    owner: { orgId: ctx.org.id, orgSlug: ctx.org.slug, orgName: ctx.org.name },
    projectKey,
    versionCount: extra.versionCount,
    latestVersion: extra.latestVersion,
    createdBy: userRef(extra.createdBy),
    createdAt: d.createdAt,
  };
}
