import { z } from "zod";
import { text } from "@/lib/text";
import { and, desc, eq, ilike, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { datasets, datasetVersions, modelAliases, modelVersions, projects, registeredModels } from "@/db/schema";
import { assertCan } from "@/server/auth/permissions";
import type { OrgContext } from "../context";
import { ProjectKey } from "../schemas";
import { projectScope } from "../projects/project-scope";

export const SearchLinkTargetsInput = z.object({
  key: ProjectKey,
  kind: z.enum(["dataset_version", "model_version"]),
  q: text().trim().max(200).optional(),
  limit: z.number().int().min(1).max(50).default(10),
});
export type SearchLinkTargetsInput = z.infer<typeof SearchLinkTargetsInput>;

export interface DatasetVersionTarget {
  id: string;
  projectKey: string;
  name: string;
  version: number;
  ready: boolean;
}
export interface ModelVersionTarget {
  id: string;
  projectKey: string;
  name: string;
  version: number;
  stage: string;
  aliases: string[];
}

const likeName = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Runs `query` on those of `ids` that are UUIDs (a link target may hold anything); none, none found. */
async function byIds<T>(ids: string[], query: (uuids: string[]) => Promise<T[]>): Promise<T[]> {
  const uuids = ids.filter((i) => z.uuid().safeParse(i).success);
  return uuids.length ? query(uuids) : [];
}

/** Dataset versions by id, limited to one project (cards link only to their own project's pipeline). */
export async function datasetVersionsById(db: Db, projectId: string, ids: string[]): Promise<DatasetVersionTarget[]> {
  const rows = await byIds(ids, (uuids) =>
    db
      .select({ id: datasetVersions.id, projectKey: projects.key, name: datasets.name, version: datasetVersions.version, readyAt: datasetVersions.readyAt })
      .from(datasetVersions)
      .innerJoin(datasets, eq(datasets.id, datasetVersions.datasetId))
      .innerJoin(projects, eq(projects.id, datasets.projectId))
      .where(and(eq(datasets.projectId, projectId), inArray(datasetVersions.id, uuids))),
  );
  return rows.map(({ readyAt, ...r }) => ({ ...r, ready: readyAt !== null }));
}

/** Model versions by id, limited to one project, with their aliases. */
export async function modelVersionsById(db: Db, projectId: string, ids: string[]): Promise<ModelVersionTarget[]> {
  const rows = await byIds(ids, (uuids) =>
    db
      .select({ id: modelVersions.id, projectKey: projects.key, name: registeredModels.name, version: modelVersions.version, stage: modelVersions.stage })
      .from(modelVersions)
      .innerJoin(registeredModels, eq(registeredModels.id, modelVersions.modelId))
      .innerJoin(projects, eq(projects.id, registeredModels.projectId))
      .where(and(eq(registeredModels.projectId, projectId), inArray(modelVersions.id, uuids))),
  );
  return withAliases(db, rows);
}

async function withAliases<T extends { id: string }>(db: Db, rows: T[]): Promise<(T & { aliases: string[] })[]> {
  const aliases = rows.length ? await db.select().from(modelAliases).where(inArray(modelAliases.versionId, rows.map((r) => r.id))) : [];
  return rows.map((r) => ({ ...r, aliases: aliases.filter((a) => a.versionId === r.id).map((a) => a.alias).sort() }));
}

/** Dataset or model versions of a project whose name contains `q`, newest first: what the card's link picker offers. */
export async function searchLinkTargets({ ctx, input }: { ctx: OrgContext; input: SearchLinkTargetsInput }) {
  const p = await projectScope(ctx, input.key, "run.read");
  if (input.kind === "dataset_version") {
    assertCan(ctx.roles, "dataset.read");
    const rows = await p.db
      .select({ id: datasetVersions.id, name: datasets.name, version: datasetVersions.version, readyAt: datasetVersions.readyAt })
      .from(datasetVersions)
      .innerJoin(datasets, eq(datasets.id, datasetVersions.datasetId))
      .where(and(eq(datasets.projectId, p.project.id), input.q ? ilike(datasets.name, likeName(input.q)) : undefined))
      .orderBy(desc(datasetVersions.createdAt), desc(datasetVersions.version))
      .limit(input.limit);
    return rows.map((r) => ({ id: r.id, kind: input.kind, name: r.name, version: r.version, detail: r.readyAt ? "ready" : "not ready", aliases: [] as string[] }));
  }
  assertCan(ctx.roles, "model.read");
  const rows = await p.db
    .select({ id: modelVersions.id, name: registeredModels.name, version: modelVersions.version, stage: modelVersions.stage })
    .from(modelVersions)
    .innerJoin(registeredModels, eq(registeredModels.id, modelVersions.modelId))
    .where(and(eq(registeredModels.projectId, p.project.id), input.q ? ilike(registeredModels.name, likeName(input.q)) : undefined))
    .orderBy(desc(modelVersions.creationTime), desc(modelVersions.version))
    .limit(input.limit);
  return (await withAliases(p.db, rows)).map((r) => ({ id: r.id, kind: input.kind, name: r.name, version: r.version, detail: r.stage === "None" ? "" : r.stage, aliases: r.aliases }));
}
