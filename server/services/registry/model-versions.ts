import { and, asc, desc, eq, inArray, ne, sql, type SQL } from "drizzle-orm";
import { modelAliases, modelVersions, modelVersionTags, registeredModels, type ModelStage } from "@/db/schema";
import { assertCan } from "@/server/auth/permissions";
import { BadRequestError, NotFoundError } from "../errors";
import type { StoreContext } from "../mlflow/artifacts";
import type { ProjectContext } from "../context";
import { nowMs, parseRunId, searchPage, type KeyValue } from "../mlflow/internal";
import { parseFilter } from "../mlflow/search-filter";
import { compare, stringComparators, tagExists } from "../mlflow/sql";
import { validateTag } from "../mlflow/validation";
import { canonicalStage, getModelRow, getVersionRow, recordEvent, touchModel, versionData, orderByColumns, type ModelVersionWithData, type RegistrySearchInput } from "./internal";
import { notifyLinked } from "../tracking/notify";
import { readOnnxIo } from "./onnx";
import { resolveModelSource } from "./source";

type Ctx = { ctx: ProjectContext };
type Ref = { name: string; version: string };

/** The tag under which a version's ONNX inputs and outputs are also visible to MLflow clients. */
export const ONNX_IO_TAG = "runboard.onnx.io";

async function withData(ctx: ProjectContext, name: string, version: string | number) {
  const model = await getModelRow(ctx.db, ctx.project.id, name);
  const row = await getVersionRow(ctx.db, model, version);
  return (await versionData(ctx.db, [row], new Map([[model.id, model.name]])))[0]!;
}

export interface CreateModelVersionInput {
  name: string;
  source: string;
  runId?: string;
  description?: string;
  tags?: KeyValue[];
}

/** Registers a version from an artifact location of this project; an ONNX model's inputs and outputs are read and kept. */
export async function createModelVersion({ ctx, input }: { ctx: StoreContext; input: CreateModelVersionInput }): Promise<ModelVersionWithData> {
  assertCan(ctx.roles, "model.write");
  for (const t of input.tags ?? []) validateTag(t);
  const model = await getModelRow(ctx.db, ctx.project.id, input.name);
  const source = await resolveModelSource(ctx, input.source, input.runId);
  const onnxIo = await readOnnxIo(ctx, source.storagePath);
  const tags = new Map((input.tags ?? []).map((t) => [t.key, t.value]));
  const io = onnxIo ? JSON.stringify({ inputs: onnxIo.inputs, outputs: onnxIo.outputs }) : null;
  if (io && io.length <= 8000) tags.set(ONNX_IO_TAG, io);
  const now = nowMs();
  const row = await ctx.db.transaction(async (tx) => {
    const [bumped] = await tx
      .update(registeredModels)
      .set({ lastVersion: sql`${registeredModels.lastVersion} + 1`, lastUpdatedTime: now })
      .where(eq(registeredModels.id, model.id))
      .returning({ version: registeredModels.lastVersion });
    const [v] = await tx
      .insert(modelVersions)
      .values({
        modelId: model.id,
        version: bumped!.version,
        source: input.source,
        storagePath: source.storagePath,
        runId: source.runId,
        description: input.description ?? "",
        userId: ctx.actor.userId,
        onnxIo,
        creationTime: now,
        lastUpdatedTime: now,
      })
      .returning();
    if (tags.size) await tx.insert(modelVersionTags).values([...tags].map(([key, value]) => ({ versionId: v!.id, key, value })));
    await recordEvent(tx, { modelId: model.id, kind: "version_created", actorId: ctx.actor.userId, version: v!.version, toStage: "None" });
    return v!;
  });
  return (await versionData(ctx.db, [row], new Map([[model.id, model.name]])))[0]!;
}

export async function getModelVersion({ ctx, input }: Ctx & { input: Ref }) {
  assertCan(ctx.roles, "model.read");
  return withData(ctx, input.name, input.version);
}

export async function updateModelVersion({ ctx, input }: Ctx & { input: Ref & { description?: string } }) {
  assertCan(ctx.roles, "model.write");
  const model = await getModelRow(ctx.db, ctx.project.id, input.name);
  const row = await getVersionRow(ctx.db, model, input.version);
  if (input.description !== undefined) {
    await ctx.db.update(modelVersions).set({ description: input.description, lastUpdatedTime: nowMs() }).where(eq(modelVersions.id, row.id));
  }
  return withData(ctx, input.name, input.version);
}

export async function deleteModelVersion({ ctx, input }: Ctx & { input: Ref }) {
  assertCan(ctx.roles, "model.write");
  const model = await getModelRow(ctx.db, ctx.project.id, input.name);
  const row = await getVersionRow(ctx.db, model, input.version);
  await ctx.db.transaction(async (tx) => {
    const aliases = await tx.select().from(modelAliases).where(eq(modelAliases.versionId, row.id));
    for (const a of aliases) {
      await recordEvent(tx, { modelId: model.id, kind: "alias_deleted", actorId: ctx.actor.userId, alias: a.alias, fromVersion: row.version });
    }
    await tx.delete(modelVersions).where(eq(modelVersions.id, row.id));
    await recordEvent(tx, { modelId: model.id, kind: "version_deleted", actorId: ctx.actor.userId, version: row.version });
    await touchModel(tx, model.id);
  });
}

/** Where a client downloads the version's files: the proxied artifact location it resolved to. */
export async function getModelVersionDownloadUri({ ctx, input }: Ctx & { input: Ref }) {
  assertCan(ctx.roles, "model.read");
  const model = await getModelRow(ctx.db, ctx.project.id, input.name);
  const row = await getVersionRow(ctx.db, model, input.version);
  return `mlflow-artifacts:/${row.storagePath}`;
}

export async function setModelVersionTag({ ctx, input }: Ctx & { input: Ref & { key: string; value: string } }) {
  assertCan(ctx.roles, "model.write");
  validateTag(input);
  const model = await getModelRow(ctx.db, ctx.project.id, input.name);
  const row = await getVersionRow(ctx.db, model, input.version);
  await ctx.db
    .insert(modelVersionTags)
    .values({ versionId: row.id, key: input.key, value: input.value })
    .onConflictDoUpdate({ target: [modelVersionTags.versionId, modelVersionTags.key], set: { value: input.value } });
}

export async function deleteModelVersionTag({ ctx, input }: Ctx & { input: Ref & { key: string } }) {
  assertCan(ctx.roles, "model.write");
  const model = await getModelRow(ctx.db, ctx.project.id, input.name);
  const row = await getVersionRow(ctx.db, model, input.version);
  const gone = await ctx.db
    .delete(modelVersionTags)
    .where(and(eq(modelVersionTags.versionId, row.id), eq(modelVersionTags.key, input.key)))
    .returning();
  if (gone.length === 0) throw new NotFoundError("Tag", `No tag with name: ${input.key} for model version ${input.name} version ${row.version}`);
}

/**
 * Moves a version to a stage. With archiveExisting, the versions already in Staging or Production
 * move to Archived, so at most one version holds that stage; every move is kept in the history.
 */
export async function transitionModelVersionStage({ ctx, input }: Ctx & { input: Ref & { stage: string; archiveExisting: boolean } }) {
  assertCan(ctx.roles, "model.write");
  const stage = canonicalStage(input.stage);
  const now = nowMs();
  await ctx.db.transaction(async (tx) => {
    const model = await getModelRow(tx, ctx.project.id, input.name, { lock: true });
    const row = await getVersionRow(tx, model, input.version);
    const moves: { id: string; version: number; from: ModelStage; to: ModelStage }[] = [];
    if (input.archiveExisting && (stage === "Staging" || stage === "Production")) {
      const others = await tx
        .select()
        .from(modelVersions)
        .where(and(eq(modelVersions.modelId, model.id), eq(modelVersions.stage, stage), ne(modelVersions.id, row.id)));
      for (const o of others) moves.push({ id: o.id, version: o.version, from: o.stage, to: "Archived" });
    }
    moves.push({ id: row.id, version: row.version, from: row.stage, to: stage });
    for (const m of moves) {
      await tx.update(modelVersions).set({ stage: m.to, lastUpdatedTime: now }).where(eq(modelVersions.id, m.id));
      await recordEvent(tx, { modelId: model.id, kind: "stage_changed", actorId: ctx.actor.userId, version: m.version, fromStage: m.from, toStage: m.to });
    }
    await touchModel(tx, model.id, now);
    await notifyLinked(tx, { projectId: ctx.project.id, kind: "model" });
  });
  return withData(ctx, input.name, input.version);
}

const ALIAS_RE = /^[\w-]{1,255}$/;
function validateAlias(alias: string) {
  if (!ALIAS_RE.test(alias)) throw new BadRequestError(`Invalid alias name '${alias.slice(0, 60)}': use letters, digits, _ and -, at most 255 characters.`);
  if (alias.toLowerCase() === "latest" || /^v\d+$/i.test(alias)) {
    throw new BadRequestError(`Invalid alias name '${alias}': 'latest' and version-like names (v1, v2, …) are reserved.`);
  }
}

/** Points an alias at a version; moving it from another version is recorded as from → to. */
export async function setRegisteredModelAlias({ ctx, input }: Ctx & { input: Ref & { alias: string } }) {
  assertCan(ctx.roles, "model.write");
  validateAlias(input.alias);
  await ctx.db.transaction(async (tx) => {
    const model = await getModelRow(tx, ctx.project.id, input.name, { lock: true });
    const row = await getVersionRow(tx, model, input.version);
    const [prev] = await tx
      .select({ version: modelVersions.version })
      .from(modelAliases)
      .innerJoin(modelVersions, eq(modelVersions.id, modelAliases.versionId))
      .where(and(eq(modelAliases.modelId, model.id), eq(modelAliases.alias, input.alias)));
    if (prev?.version === row.version) return;
    await tx
      .insert(modelAliases)
      .values({ modelId: model.id, alias: input.alias, versionId: row.id })
      .onConflictDoUpdate({ target: [modelAliases.modelId, modelAliases.alias], set: { versionId: row.id } });
    await recordEvent(tx, { modelId: model.id, kind: "alias_set", actorId: ctx.actor.userId, alias: input.alias, fromVersion: prev?.version ?? null, toVersion: row.version });
    await touchModel(tx, model.id);
    await notifyLinked(tx, { projectId: ctx.project.id, kind: "model" });
  });
}

export async function deleteRegisteredModelAlias({ ctx, input }: Ctx & { input: { name: string; alias: string } }) {
  assertCan(ctx.roles, "model.write");
  await ctx.db.transaction(async (tx) => {
    const model = await getModelRow(tx, ctx.project.id, input.name, { lock: true });
    const [prev] = await tx
      .select({ version: modelVersions.version })
      .from(modelAliases)
      .innerJoin(modelVersions, eq(modelVersions.id, modelAliases.versionId))
      .where(and(eq(modelAliases.modelId, model.id), eq(modelAliases.alias, input.alias)));
    if (!prev) return;
    await tx.delete(modelAliases).where(and(eq(modelAliases.modelId, model.id), eq(modelAliases.alias, input.alias)));
    await recordEvent(tx, { modelId: model.id, kind: "alias_deleted", actorId: ctx.actor.userId, alias: input.alias, fromVersion: prev.version });
    await touchModel(tx, model.id);
    await notifyLinked(tx, { projectId: ctx.project.id, kind: "model" });
  });
}

export async function getModelVersionByAlias({ ctx, input }: Ctx & { input: { name: string; alias: string } }) {
  assertCan(ctx.roles, "model.read");
  const model = await getModelRow(ctx.db, ctx.project.id, input.name);
  const [a] = await ctx.db
    .select({ version: modelVersions.version })
    .from(modelAliases)
    .innerJoin(modelVersions, eq(modelVersions.id, modelAliases.versionId))
    .where(and(eq(modelAliases.modelId, model.id), eq(modelAliases.alias, input.alias)));
  if (!a) throw new NotFoundError("Alias", `Registered model alias ${input.alias} not found.`);
  return withData(ctx, model.name, a.version);
}

const ORDER_COLUMNS = {
  name: registeredModels.name,
  version_number: modelVersions.version,
  creation_timestamp: modelVersions.creationTime,
  last_updated_timestamp: modelVersions.lastUpdatedTime,
  timestamp: modelVersions.lastUpdatedTime,
} as const;

/** Filters: name, run_id (= or IN), source_path, version_number, tags.<key>; default order name ASC, version DESC. */
export async function searchModelVersions({ ctx, input }: Ctx & { input: RegistrySearchInput }) {
  assertCan(ctx.roles, "model.read");
  const { limit, offset, page } = searchPage(input, { fallback: 10_000 });
  const where: SQL[] = [eq(registeredModels.projectId, ctx.project.id)];
  for (const c of parseFilter(input.filter)) {
    if (c.type === "tag") {
      stringComparators(c);
      where.push(tagExists(ctx.db, { table: modelVersionTags, ownerId: modelVersionTags.versionId, key: modelVersionTags.key, value: modelVersionTags.value }, modelVersions.id, c));
    } else if (c.type === "attribute" && c.key === "name") {
      stringComparators(c);
      where.push(compare(registeredModels.name, c));
    } else if (c.type === "attribute" && c.key === "run_id") {
      const ids = (Array.isArray(c.value) ? c.value : [String(c.value)]).map((v) => parseRunId(v) ?? "00000000-0000-0000-0000-000000000000");
      if (c.op === "=" || c.op === "IN") where.push(inArray(modelVersions.runId, ids));
      else throw new BadRequestError("Invalid filter: run_id supports = and IN");
    } else if (c.type === "attribute" && c.key === "source_path") {
      stringComparators(c);
      where.push(compare(modelVersions.source, c));
    } else if (c.type === "attribute" && c.key === "version_number") {
      const n = Number(c.value);
      if (!Number.isInteger(n) || c.op === "LIKE" || c.op === "ILIKE" || Array.isArray(c.value)) throw new BadRequestError("Invalid filter: version_number must be compared with an integer");
      where.push(compare(modelVersions.version, { ...c, value: n }));
    } else throw new BadRequestError(`Invalid filter: model versions can be searched by name, run_id, source_path, version_number and tags, not '${c.key}'`);
  }
  const order = orderByColumns(input.orderBy, ORDER_COLUMNS);
  const rows = await ctx.db
    .select({ v: modelVersions, name: registeredModels.name })
    .from(modelVersions)
    .innerJoin(registeredModels, eq(registeredModels.id, modelVersions.modelId))
    .where(and(...where))
    .orderBy(...order, asc(registeredModels.name), desc(modelVersions.version))
    .limit(limit + 1)
    .offset(offset);
  const { rows: found, nextPageToken } = page(rows);
  const versions = await versionData(ctx.db, found.map((r) => r.v), new Map(found.map((r) => [r.v.modelId, r.name])));
  return { versions, nextPageToken };
}
