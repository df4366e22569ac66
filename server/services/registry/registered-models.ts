import { and, asc, desc, eq, type SQL } from "drizzle-orm";
import { MODEL_STAGES, modelVersions, registeredModels, registeredModelTags } from "@/db/schema";
import { assertCan } from "@/server/auth/permissions";
import { BadRequestError, ConflictError, isUniqueViolation, NotFoundError } from "../errors";
import type { ProjectContext } from "../context";
import { nowMs, searchPage, type KeyValue } from "../mlflow/internal";
import { parseFilter } from "../mlflow/search-filter";
import { compare, stringComparators, tagExists } from "../mlflow/sql";
import { validateTag } from "../mlflow/validation";
import { canonicalStage, getModelRow, modelData, recordEvent, touchModel, validateModelName, versionData, orderByColumns, type RegisteredModelWithData, type RegistrySearchInput } from "./internal";

type Ctx = { ctx: ProjectContext };

export async function createRegisteredModel({ ctx, input }: Ctx & { input: { name: string; description?: string; tags?: KeyValue[] } }) {
  assertCan(ctx.roles, "model.write");
  validateModelName(input.name);
  for (const t of input.tags ?? []) validateTag(t);
  const now = nowMs();
  try {
    return await ctx.db.transaction(async (tx) => {
      const [model] = await tx
        .insert(registeredModels)
        .values({ projectId: ctx.project.id, name: input.name, description: input.description ?? "", createdBy: ctx.actor.userId, creationTime: now, lastUpdatedTime: now })
        .returning();
      const tags = new Map((input.tags ?? []).map((t) => [t.key, t.value]));
      if (tags.size) await tx.insert(registeredModelTags).values([...tags].map(([key, value]) => ({ modelId: model!.id, key, value })));
      return (await modelData(tx, [model!]))[0]!;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new ConflictError(`Registered Model (name=${input.name}) already exists.`);
    throw err;
  }
}

export async function getRegisteredModel({ ctx, input }: Ctx & { input: { name: string } }) {
  assertCan(ctx.roles, "model.read");
  return (await modelData(ctx.db, [await getModelRow(ctx.db, ctx.project.id, input.name)]))[0]!;
}

export async function updateRegisteredModel({ ctx, input }: Ctx & { input: { name: string; description?: string } }) {
  assertCan(ctx.roles, "model.write");
  const model = await getModelRow(ctx.db, ctx.project.id, input.name);
  if (input.description !== undefined) {
    await ctx.db.update(registeredModels).set({ description: input.description, lastUpdatedTime: nowMs() }).where(eq(registeredModels.id, model.id));
  }
  return getRegisteredModel({ ctx, input: { name: model.name } });
}

export async function renameRegisteredModel({ ctx, input }: Ctx & { input: { name: string; newName: string } }) {
  assertCan(ctx.roles, "model.write");
  validateModelName(input.newName);
  const model = await getModelRow(ctx.db, ctx.project.id, input.name);
  try {
    await ctx.db.transaction(async (tx) => {
      await tx.update(registeredModels).set({ name: input.newName, lastUpdatedTime: nowMs() }).where(eq(registeredModels.id, model.id));
      await recordEvent(tx, { modelId: model.id, kind: "renamed", actorId: ctx.actor.userId, detail: `${input.name} → ${input.newName}` });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new ConflictError(`Registered Model (name=${input.newName}) already exists.`);
    throw err;
  }
  return getRegisteredModel({ ctx, input: { name: input.newName } });
}

/** Deletes the model with its versions, tags, aliases and history. */
export async function deleteRegisteredModel({ ctx, input }: Ctx & { input: { name: string } }) {
  assertCan(ctx.roles, "model.write");
  const model = await getModelRow(ctx.db, ctx.project.id, input.name);
  await ctx.db.delete(registeredModels).where(and(eq(registeredModels.id, model.id), eq(registeredModels.projectId, ctx.project.id)));
}

export async function setRegisteredModelTag({ ctx, input }: Ctx & { input: { name: string; key: string; value: string } }) {
  assertCan(ctx.roles, "model.write");
  validateTag(input);
  const model = await getModelRow(ctx.db, ctx.project.id, input.name);
  await ctx.db
    .insert(registeredModelTags)
    .values({ modelId: model.id, key: input.key, value: input.value })
    .onConflictDoUpdate({ target: [registeredModelTags.modelId, registeredModelTags.key], set: { value: input.value } });
  await touchModel(ctx.db, model.id);
}

export async function deleteRegisteredModelTag({ ctx, input }: Ctx & { input: { name: string; key: string } }) {
  assertCan(ctx.roles, "model.write");
  const model = await getModelRow(ctx.db, ctx.project.id, input.name);
  const gone = await ctx.db
    .delete(registeredModelTags)
    .where(and(eq(registeredModelTags.modelId, model.id), eq(registeredModelTags.key, input.key)))
    .returning();
  if (gone.length === 0) throw new NotFoundError("Tag", `No tag with name: ${input.key} in registered model ${input.name}`);
}

/** The latest version per requested stage (all stages, "None" included, when none are named). */
export async function getLatestVersions({ ctx, input }: Ctx & { input: { name: string; stages?: string[] } }) {
  assertCan(ctx.roles, "model.read");
  const model = await getModelRow(ctx.db, ctx.project.id, input.name);
  const stages = input.stages?.length ? input.stages.map(canonicalStage) : [...MODEL_STAGES];
  const rows = await ctx.db.select().from(modelVersions).where(eq(modelVersions.modelId, model.id)).orderBy(desc(modelVersions.version));
  const latest = stages.flatMap((s) => rows.find((r) => r.stage === s) ?? []);
  return versionData(ctx.db, latest, new Map([[model.id, model.name]]));
}

const ORDER_COLUMNS = {
  name: registeredModels.name,
  last_updated_timestamp: registeredModels.lastUpdatedTime,
  timestamp: registeredModels.lastUpdatedTime,
  creation_timestamp: registeredModels.creationTime,
} as const;

/** Filters: `name` and `tags.<key>` with =, !=, LIKE, ILIKE; order by name or timestamps; ties by name. */
export async function searchRegisteredModels({ ctx, input }: Ctx & { input: RegistrySearchInput }) {
  assertCan(ctx.roles, "model.read");
  const { limit, offset, page } = searchPage(input, { fallback: 100, max: 1000 });
  const where: SQL[] = [eq(registeredModels.projectId, ctx.project.id)];
  for (const c of parseFilter(input.filter)) {
    stringComparators(c);
    if (c.type === "attribute" && c.key === "name") where.push(compare(registeredModels.name, c));
    else if (c.type === "tag") {
      where.push(tagExists(ctx.db, { table: registeredModelTags, ownerId: registeredModelTags.modelId, key: registeredModelTags.key, value: registeredModelTags.value }, registeredModels.id, c));
    } else throw new BadRequestError(`Invalid filter: registered models can be searched by name and tags, not '${c.key}'`);
  }
  const order = orderByColumns(input.orderBy, ORDER_COLUMNS, "use name, creation_timestamp or last_updated_timestamp");
  const rows = await ctx.db
    .select()
    .from(registeredModels)
    .where(and(...where))
    .orderBy(...order, asc(registeredModels.name))
    .limit(limit + 1)
    .offset(offset);
  const { rows: found, nextPageToken } = page(rows);
  const models: RegisteredModelWithData[] = await modelData(ctx.db, found);
  return { models, nextPageToken };
}
