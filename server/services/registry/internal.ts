import { and, asc, desc, eq, inArray, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { MODEL_STAGES, modelAliases, modelEvents, modelVersions, modelVersionTags, registeredModels, registeredModelTags, type ModelEventKind, type ModelStage } from "@/db/schema";
import { BadRequestError, NotFoundError } from "../errors";
import type { KeyValue } from "../mlflow/internal";
import { parseOrderBy } from "../mlflow/search-filter";

export type RegisteredModel = typeof registeredModels.$inferSelect;
export type ModelVersion = typeof modelVersions.$inferSelect;
export type ModelVersionWithData = ModelVersion & { modelName: string; tags: KeyValue[]; aliases: string[] };
export type RegisteredModelWithData = RegisteredModel & {
  tags: KeyValue[];
  aliases: { alias: string; version: number }[];
  latestVersions: ModelVersionWithData[];
};

export function validateModelName(name: string) {
  if (!name.trim()) throw new BadRequestError("Registered model name cannot be empty.");
  if (name.length > 256 || /[/\\:%]/.test(name) || [...name].some((c) => c.charCodeAt(0) < 0x20)) {
    throw new BadRequestError(`Invalid model name '${name.slice(0, 60)}': at most 256 characters, without / \\ : % or control characters.`);
  }
}

/** MLflow's stage names, matched case-insensitively ("production" → "Production"). */
export function canonicalStage(stage: string): ModelStage {
  const found = MODEL_STAGES.find((s) => s.toLowerCase() === stage.trim().toLowerCase());
  if (!found) throw new BadRequestError(`Invalid Model Version stage: ${stage}. Value must be one of ${MODEL_STAGES.join(", ")}.`);
  return found;
}

export function parseVersion(version: string | number): number {
  const s = String(version);
  if (!/^\d{1,9}$/.test(s) || Number(s) < 1) throw new BadRequestError(`Model version must be a positive integer, got '${s}'.`);
  return Number(s);
}

export async function getModelRow(db: Db, projectId: string, name: string, { lock = false } = {}) {
  const q = db.select().from(registeredModels).where(and(eq(registeredModels.projectId, projectId), eq(registeredModels.name, name))).limit(1);
  const [row] = lock ? await q.for("update") : await q;
  if (!row) throw new NotFoundError("Registered model", `Registered Model with name=${name} not found`);
  return row;
}

export async function getVersionRow(db: Db, model: RegisteredModel, version: string | number) {
  const n = parseVersion(version);
  const [row] = await db.select().from(modelVersions).where(and(eq(modelVersions.modelId, model.id), eq(modelVersions.version, n))).limit(1);
  if (!row) throw new NotFoundError("Model version", `Model Version (name=${model.name}, version=${n}) not found`);
  return row;
}

export async function recordEvent(
  db: Db,
  e: { modelId: string; kind: ModelEventKind; actorId: string; version?: number; alias?: string; fromVersion?: number | null; toVersion?: number | null; fromStage?: string; toStage?: string; detail?: string },
) {
  await db.insert(modelEvents).values({ ...e, at: Date.now() });
}

export async function touchModel(db: Db, modelId: string, at = Date.now()) {
  await db.update(registeredModels).set({ lastUpdatedTime: at }).where(eq(registeredModels.id, modelId));
}

/** Tags and aliases of many versions in two queries. */
export async function versionData(db: Db, rows: ModelVersion[], names: Map<string, string>): Promise<ModelVersionWithData[]> {
  const ids = rows.map((r) => r.id);
  const [tags, aliases] = ids.length
    ? await Promise.all([
        db.select().from(modelVersionTags).where(inArray(modelVersionTags.versionId, ids)).orderBy(modelVersionTags.key),
        db.select().from(modelAliases).where(inArray(modelAliases.versionId, ids)).orderBy(modelAliases.alias),
      ])
    : [[], []];
  return rows.map((r) => ({
    ...r,
    modelName: names.get(r.modelId) ?? "",
    tags: tags.filter((t) => t.versionId === r.id).map(({ key, value }) => ({ key, value })),
    aliases: aliases.filter((a) => a.versionId === r.id).map((a) => a.alias),
  }));
}

/** Tags, aliases and the latest version per stage of many models. */
export async function modelData(db: Db, models: RegisteredModel[]): Promise<RegisteredModelWithData[]> {
  const ids = models.map((m) => m.id);
  if (ids.length === 0) return [];
  const [tags, aliases, versions] = await Promise.all([
    db.select().from(registeredModelTags).where(inArray(registeredModelTags.modelId, ids)).orderBy(registeredModelTags.key),
    db
      .select({ modelId: modelAliases.modelId, alias: modelAliases.alias, version: modelVersions.version })
      .from(modelAliases)
      .innerJoin(modelVersions, eq(modelVersions.id, modelAliases.versionId))
      .where(inArray(modelAliases.modelId, ids))
      .orderBy(modelAliases.alias),
    db.select().from(modelVersions).where(inArray(modelVersions.modelId, ids)).orderBy(asc(modelVersions.modelId), desc(modelVersions.version)),
  ]);
  const latest = new Map<string, ModelVersion>();
  for (const v of versions) if (!latest.has(`${v.modelId}/${v.stage}`)) latest.set(`${v.modelId}/${v.stage}`, v);
  const names = new Map(models.map((m) => [m.id, m.name]));
  const latestData = await versionData(db, [...latest.values()], names);
  return models.map((m) => ({
    ...m,
    tags: tags.filter((t) => t.modelId === m.id).map(({ key, value }) => ({ key, value })),
    aliases: aliases.filter((a) => a.modelId === m.id).map(({ alias, version }) => ({ alias, version })),
    latestVersions: latestData
      .filter((v) => v.modelId === m.id)
      .sort((a, b) => MODEL_STAGES.indexOf(a.stage) - MODEL_STAGES.indexOf(b.stage)),
  }));
}

/** What the registry searches (registered models, model versions) take. */
export interface RegistrySearchInput {
  filter?: string;
  maxResults?: number;
  orderBy?: string[];
  pageToken?: string;
}

/** `order_by` clauses ("name DESC") as ORDER BY terms on `columns`; an unknown field is refused, with `hint` when given. */
export function orderByColumns(orderBy: string[] | undefined, columns: Record<string, PgColumn>, hint?: string): SQL[] {
  return (orderBy ?? []).map((o) => {
    const { key, ascending } = parseOrderBy(o);
    const col = columns[key];
    if (!col) throw new BadRequestError(`Invalid order_by clause '${o}'${hint ? `: ${hint}` : ""}`);
    return ascending ? asc(col) : desc(col);
  });
}
