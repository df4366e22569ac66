import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { LOGGED_MODEL_STATUSES, loggedModelParams, loggedModels, loggedModelTags, runOutputs, type LoggedModelStatus } from "@/db/schema";
import { assertCan } from "@/server/auth/permissions";
import { BadRequestError, NotFoundError } from "../errors";
import { ensureDefaultExperiment } from "./experiments";
import type { ProjectContext } from "../context";
import { assertExperimentActive, assertRunActive, DEFAULT_EXPERIMENT_ID, getExperimentRow, getRunRow, type KeyValue, nowMs, runIdHex, searchPage } from "./internal";
import { parseFilter } from "./search-filter";
import { compare, stringComparators, tagExists } from "./sql";
import { validateParam, validateTag } from "./validation";

export type LoggedModel = typeof loggedModels.$inferSelect & { tags: KeyValue[]; params: KeyValue[] };

async function withData(ctx: ProjectContext, rows: (typeof loggedModels.$inferSelect)[]): Promise<LoggedModel[]> {
  const ids = rows.map((r) => r.id);
  const [tags, params] = ids.length
    ? await Promise.all([
        ctx.db.select().from(loggedModelTags).where(inArray(loggedModelTags.modelId, ids)).orderBy(loggedModelTags.key),
        ctx.db.select().from(loggedModelParams).where(inArray(loggedModelParams.modelId, ids)).orderBy(loggedModelParams.key),
      ])
    : [[], []];
  return rows.map((r) => ({
    ...r,
    tags: tags.filter((t) => t.modelId === r.id).map(({ key, value }) => ({ key, value })),
    params: params.filter((p) => p.modelId === r.id).map(({ key, value }) => ({ key, value })),
  }));
}

async function getRow(ctx: ProjectContext, modelId: string) {
  const [row] = await ctx.db
    .select()
    .from(loggedModels)
    .where(and(eq(loggedModels.projectId, ctx.project.id), eq(loggedModels.id, modelId)))
    .limit(1);
  if (!row) throw new NotFoundError("Logged model", `Logged model with ID '${modelId}' not found.`);
  return row;
}

export interface CreateLoggedModelInput {
  experimentId: string;
  name?: string;
  modelType?: string;
  sourceRunId?: string;
  params?: KeyValue[];
  tags?: KeyValue[];
}

/** A logged model starts PENDING; its files go to its own artifact folder, then the client finalizes it. */
export async function createLoggedModel({ ctx, input }: { ctx: ProjectContext; input: CreateLoggedModelInput }) {
  assertCan(ctx.roles, "run.write");
  for (const t of input.tags ?? []) validateTag(t);
  for (const p of input.params ?? []) validateParam(p);
  const exp = input.experimentId === DEFAULT_EXPERIMENT_ID ? await ensureDefaultExperiment(ctx) : await getExperimentRow(ctx.db, ctx.project.id, input.experimentId);
  assertExperimentActive(exp);
  const run = input.sourceRunId ? await getRunRow(ctx.db, ctx.project.id, input.sourceRunId) : null;
  const id = `m-${runIdHex(randomUUID())}`;
  const now = nowMs();
  await ctx.db.transaction(async (tx) => {
    await tx.insert(loggedModels).values({
      id,
      projectId: ctx.project.id,
      experimentId: exp.id,
      name: input.name || `model-${id.slice(2, 10)}`,
      modelType: input.modelType ?? null,
      sourceRunId: run?.id ?? null,
      artifactUri: `mlflow-artifacts:/${exp.id}/models/${id}/artifacts`,
      creatorId: ctx.actor.userId,
      creationTime: now,
      lastUpdatedTime: now,
    });
    const tags = new Map((input.tags ?? []).map((t) => [t.key, t.value]));
    const params = new Map((input.params ?? []).map((p) => [p.key, p.value]));
    if (tags.size) await tx.insert(loggedModelTags).values([...tags].map(([key, value]) => ({ modelId: id, key, value })));
    if (params.size) await tx.insert(loggedModelParams).values([...params].map(([key, value]) => ({ modelId: id, key, value })));
  });
  return getLoggedModel({ ctx, input: { modelId: id } });
}

export async function getLoggedModel({ ctx, input }: { ctx: ProjectContext; input: { modelId: string } }) {
  assertCan(ctx.roles, "run.read");
  return (await withData(ctx, [await getRow(ctx, input.modelId)]))[0]!;
}

export async function finalizeLoggedModel({ ctx, input }: { ctx: ProjectContext; input: { modelId: string; status: string } }) {
  assertCan(ctx.roles, "run.write");
  const status = input.status as LoggedModelStatus;
  if (!LOGGED_MODEL_STATUSES.includes(status) || status === "LOGGED_MODEL_PENDING") {
    throw new BadRequestError(`Invalid status '${input.status}': use LOGGED_MODEL_READY or LOGGED_MODEL_UPLOAD_FAILED`);
  }
  const row = await getRow(ctx, input.modelId);
  await ctx.db.update(loggedModels).set({ status, lastUpdatedTime: nowMs() }).where(eq(loggedModels.id, row.id));
  return getLoggedModel({ ctx, input });
}

export async function setLoggedModelTags({ ctx, input }: { ctx: ProjectContext; input: { modelId: string; tags: KeyValue[] } }) {
  assertCan(ctx.roles, "run.write");
  for (const t of input.tags) validateTag(t);
  const row = await getRow(ctx, input.modelId);
  await ctx.db.transaction(async (tx) => {
    for (const t of input.tags) {
      await tx
        .insert(loggedModelTags)
        .values({ modelId: row.id, key: t.key, value: t.value })
        .onConflictDoUpdate({ target: [loggedModelTags.modelId, loggedModelTags.key], set: { value: t.value } });
    }
    await tx.update(loggedModels).set({ lastUpdatedTime: nowMs() }).where(eq(loggedModels.id, row.id));
  });
  return getLoggedModel({ ctx, input });
}

export async function deleteLoggedModelTag({ ctx, input }: { ctx: ProjectContext; input: { modelId: string; key: string } }) {
  assertCan(ctx.roles, "run.write");
  const row = await getRow(ctx, input.modelId);
  const gone = await ctx.db.delete(loggedModelTags).where(and(eq(loggedModelTags.modelId, row.id), eq(loggedModelTags.key, input.key))).returning();
  if (gone.length === 0) throw new NotFoundError("Tag", `No tag with key '${input.key}' on logged model '${row.id}'.`);
}

export interface SearchLoggedModelsInput {
  experimentIds: string[];
  filter?: string;
  maxResults?: number;
  orderBy?: { fieldName: string; ascending?: boolean }[];
  pageToken?: string;
}

const ATTRS = { name: loggedModels.name, model_id: loggedModels.id, status: loggedModels.status, model_type: loggedModels.modelType } as const;
const ORDER = { name: loggedModels.name, creation_time: loggedModels.creationTime, last_updated_timestamp: loggedModels.lastUpdatedTime } as const;

/** Filters: name, model_id, status, model_type, source_run_id and tags.<key>, joined by AND. */
export async function searchLoggedModels({ ctx, input }: { ctx: ProjectContext; input: SearchLoggedModelsInput }) {
  assertCan(ctx.roles, "run.read");
  const { limit, offset, page } = searchPage(input, { fallback: 100 });
  const expIds = await Promise.all(input.experimentIds.map(async (id) => (await getExperimentRow(ctx.db, ctx.project.id, id)).id));
  const where: SQL[] = [eq(loggedModels.projectId, ctx.project.id)];
  if (expIds.length) where.push(inArray(loggedModels.experimentId, expIds));
  for (const c of parseFilter(input.filter)) {
    stringComparators(c);
    if (c.type === "tag") {
      where.push(tagExists(ctx.db, { table: loggedModelTags, ownerId: loggedModelTags.modelId, key: loggedModelTags.key, value: loggedModelTags.value }, loggedModels.id, c));
    } else if (c.type === "attribute" && (c.key === "source_run_id" || c.key === "run_id")) {
      where.push(compare(sql`replace(${loggedModels.sourceRunId}::text, '-', '')`, c));
    } else if (c.type === "attribute" && c.key in ATTRS) {
      where.push(compare(ATTRS[c.key as keyof typeof ATTRS], c));
    } else throw new BadRequestError(`Invalid filter: logged models can be searched by name, model_id, status, model_type, source_run_id and tags, not '${c.key}'`);
  }
  const order = (input.orderBy ?? []).map((o) => {
    const col = ORDER[o.fieldName as keyof typeof ORDER];
    if (!col) throw new BadRequestError(`Invalid order_by field '${o.fieldName}': use name, creation_time or last_updated_timestamp`);
    return o.ascending === false ? desc(col) : asc(col);
  });
  const rows = await ctx.db
    .select()
    .from(loggedModels)
    .where(and(...where))
    .orderBy(...(order.length ? order : [desc(loggedModels.creationTime)]), asc(loggedModels.id))
    .limit(limit + 1)
    .offset(offset);
  const { rows: found, nextPageToken } = page(rows);
  return { models: await withData(ctx, found), nextPageToken };
}


/** MLflow 3 runs/outputs: records that a run produced these logged models (at a step). Idempotent. */
export async function logOutputs({ ctx, input }: { ctx: ProjectContext; input: { runId: string; models: { modelId: string; step: number }[] } }) {
  assertCan(ctx.roles, "run.write");
  const run = await getRunRow(ctx.db, ctx.project.id, input.runId);
  assertRunActive(run);
  for (const m of input.models) await getRow(ctx, m.modelId); // another project's model: not found
  if (input.models.length === 0) return;
  await ctx.db
    .insert(runOutputs)
    .values(input.models.map((m) => ({ runId: run.id, modelId: m.modelId, step: m.step })))
    .onConflictDoNothing();
}
