import { and, asc, desc, eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { experiments, experimentTags } from "@/db/schema";
import { assertCan } from "@/server/auth/permissions";
import { BadRequestError, ConflictError, isUniqueViolation, NotFoundError } from "../errors";
import type { ProjectContext } from "../context";
import { assertExperimentActive, DEFAULT_EXPERIMENT_NAME, type Experiment, experimentArtifactLocation, experimentTagsFor, findExperiment, getExperimentRow, type KeyValue, nowMs, searchPage } from "./internal";
import { compare, stringComparators, type ViewType, viewTypeFilter } from "./sql";
import { parseFilter, parseOrderBy } from "./search-filter";
import { validateTag } from "./validation";

export type ExperimentWithTags = Experiment & { tags: KeyValue[] };

async function withTags(db: Db, rows: Experiment[]): Promise<ExperimentWithTags[]> {
  const tags = await experimentTagsFor(db, rows.map((r) => r.id));
  return rows.map((r) => ({ ...r, tags: tags.get(r.id) ?? [] }));
}

async function insertExperiment(db: Db, ctx: ProjectContext, name: string, tags: KeyValue[]) {
  const now = nowMs();
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(experiments)
        .values({ projectId: ctx.project.id, name, artifactLocation: "", createdBy: ctx.actor.userId, creationTime: now, lastUpdateTime: now })
        .returning();
      const [exp] = await tx
        .update(experiments)
        .set({ artifactLocation: experimentArtifactLocation(row!.id) })
        .where(eq(experiments.id, row!.id))
        .returning();
      const unique = new Map(tags.map((t) => [t.key, t.value]));
      if (unique.size > 0) {
        await tx.insert(experimentTags).values([...unique].map(([key, value]) => ({ experimentId: exp!.id, key, value })));
      }
      return exp!;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new ConflictError(`Experiment '${name}' already exists.`);
    throw err;
  }
}

/** Creates an experiment; the server assigns its artifact location, a client-chosen one is ignored. */
export async function createExperiment({ ctx, input }: { ctx: ProjectContext; input: { name: string; tags?: KeyValue[] } }) {
  assertCan(ctx.roles, "experiment.write");
  const name = input.name.trim();
  if (!name) throw new BadRequestError("Invalid experiment name: ''. Experiment name must be a non-empty string.");
  if (name.length > 500) throw new BadRequestError("Experiment name must be at most 500 characters");
  const tags = input.tags ?? [];
  tags.forEach((t) => validateTag(t, 5000));
  return insertExperiment(ctx.db, ctx, name, tags);
}

/** The project's "Default" experiment (MLflow id "0"), created on first use. */
export async function ensureDefaultExperiment(ctx: ProjectContext) {
  const found = await findExperiment(ctx.db, ctx.project.id, "0");
  if (found) return found;
  try {
    return await insertExperiment(ctx.db, ctx, DEFAULT_EXPERIMENT_NAME, []);
  } catch (err) {
    if (err instanceof ConflictError) return (await findExperiment(ctx.db, ctx.project.id, "0"))!;
    throw err;
  }
}

export async function getExperiment({ ctx, input }: { ctx: ProjectContext; input: { experimentId: string } }) {
  assertCan(ctx.roles, "run.read");
  const [exp] = await withTags(ctx.db, [await getExperimentRow(ctx.db, ctx.project.id, input.experimentId)]);
  return exp!;
}

export async function getExperimentByName({ ctx, input }: { ctx: ProjectContext; input: { name: string } }) {
  assertCan(ctx.roles, "run.read");
  const [row] = await ctx.db
    .select()
    .from(experiments)
    .where(and(eq(experiments.projectId, ctx.project.id), eq(experiments.name, input.name)))
    .limit(1);
  if (!row) throw new NotFoundError("Experiment", `Could not find experiment with name '${input.name}'`);
  return (await withTags(ctx.db, [row]))[0]!;
}

export interface SearchExperimentsInput {
  filter?: string;
  orderBy?: string[];
  maxResults?: number;
  pageToken?: string;
  viewType?: ViewType;
}

const EXPERIMENT_ATTRIBUTES = {
  name: experiments.name,
  experiment_id: experiments.id,
  creation_time: experiments.creationTime,
  last_update_time: experiments.lastUpdateTime,
} as const;

function experimentAttribute(key: string) {
  const col = EXPERIMENT_ATTRIBUTES[key as keyof typeof EXPERIMENT_ATTRIBUTES];
  if (!col) throw new BadRequestError(`Invalid attribute key '${key}' specified. Valid keys are ${Object.keys(EXPERIMENT_ATTRIBUTES).join(", ")}`);
  return col;
}

export async function searchExperiments({ ctx, input }: { ctx: ProjectContext; input: SearchExperimentsInput }) {
  assertCan(ctx.roles, "run.read");
  const { limit, offset, page } = searchPage(input);
  const where: SQL[] = [eq(experiments.projectId, ctx.project.id), viewTypeFilter(experiments.lifecycleStage, input.viewType)];
  for (const c of parseFilter(input.filter)) {
    if (c.type === "tag") {
      stringComparators(c);
      where.push(
        sql`exists (select 1 from ${experimentTags} et where et.experiment_id = ${experiments.id} and et.key = ${c.key} and ${compare(sql`et.value`, c)})`,
      );
    } else if (c.type === "attribute") {
      const col = experimentAttribute(c.key);
      if (col === experiments.name) stringComparators(c);
      where.push(compare(col, c));
    } else {
      throw new BadRequestError(`Invalid filter: experiments cannot be filtered by ${c.type}s`);
    }
  }
  const order: SQL[] = (input.orderBy ?? []).map((o) => {
    const c = parseOrderBy(o);
    if (c.type !== "attribute") throw new BadRequestError(`Invalid order_by clause '${o}'`);
    const col = experimentAttribute(c.key);
    return c.ascending ? asc(col) : desc(col);
  });
  if (order.length === 0) order.push(desc(experiments.creationTime));
  order.push(asc(experiments.id));
  const rows = await ctx.db
    .select()
    .from(experiments)
    .where(and(...where))
    .orderBy(...order)
    .limit(limit + 1)
    .offset(offset);
  const { rows: found, nextPageToken } = page(rows);
  return { experiments: await withTags(ctx.db, found), nextPageToken };
}

export async function updateExperiment({ ctx, input }: { ctx: ProjectContext; input: { experimentId: string; newName: string } }) {
  assertCan(ctx.roles, "experiment.write");
  const name = input.newName.trim();
  if (!name) throw new BadRequestError("Invalid experiment name: ''. Experiment name must be a non-empty string.");
  const exp = await getExperimentRow(ctx.db, ctx.project.id, input.experimentId);
  if (exp.lifecycleStage !== "active") throw new BadRequestError("Cannot rename a non-active experiment.");
  try {
    await ctx.db.update(experiments).set({ name, lastUpdateTime: nowMs() }).where(eq(experiments.id, exp.id));
  } catch (err) {
    if (isUniqueViolation(err)) throw new ConflictError(`Experiment '${name}' already exists.`);
    throw err;
  }
}

async function setStage(ctx: ProjectContext, experimentId: string, from: Experiment["lifecycleStage"], to: Experiment["lifecycleStage"]) {
  assertCan(ctx.roles, "experiment.write");
  const exp = await getExperimentRow(ctx.db, ctx.project.id, experimentId);
  if (exp.lifecycleStage !== from) {
    throw new BadRequestError(`Cannot ${to === "deleted" ? "delete" : "restore"} an experiment in the '${exp.lifecycleStage}' state.`);
  }
  await ctx.db.update(experiments).set({ lifecycleStage: to, lastUpdateTime: nowMs() }).where(eq(experiments.id, exp.id));
}

/** Soft delete: the name stays taken and the experiment can be restored. */
export async function deleteExperiment({ ctx, input }: { ctx: ProjectContext; input: { experimentId: string } }) {
  await setStage(ctx, input.experimentId, "active", "deleted");
}

export async function restoreExperiment({ ctx, input }: { ctx: ProjectContext; input: { experimentId: string } }) {
  await setStage(ctx, input.experimentId, "deleted", "active");
}

export async function setExperimentTag({ ctx, input }: { ctx: ProjectContext; input: { experimentId: string; key: string; value: string } }) {
  assertCan(ctx.roles, "experiment.write");
  validateTag(input, 5000);
  const exp = await getExperimentRow(ctx.db, ctx.project.id, input.experimentId);
  assertExperimentActive(exp);
  await ctx.db
    .insert(experimentTags)
    .values({ experimentId: exp.id, key: input.key, value: input.value })
    .onConflictDoUpdate({ target: [experimentTags.experimentId, experimentTags.key], set: { value: input.value } });
}
