import { and, eq, inArray, sql } from "drizzle-orm";
import { rowsOf } from "@/db/rows";
import type { Db } from "@/db/client";
import { experiments, experimentTags, latestMetrics, runInputs, runOutputs, runParams, runs, runTags } from "@/db/schema";
import { BadRequestError, NotFoundError } from "../errors";

export type Experiment = typeof experiments.$inferSelect;
export type Run = typeof runs.$inferSelect;
export type KeyValue = { key: string; value: string };

/** MLflow clients that never chose an experiment use id "0"; here it names the project's "Default" experiment. */
export const DEFAULT_EXPERIMENT_ID = "0";
export const DEFAULT_EXPERIMENT_NAME = "Default";

export const nowMs = () => Date.now();

export function experimentArtifactLocation(id: number) {
  return `mlflow-artifacts:/${id}`;
}

export function runIdHex(id: string) {
  return id.replaceAll("-", "");
}

/** A 32-hex run id (or a dashed uuid) as the uuid stored in `runs.id`; anything else names no run. */
export function parseRunId(runId: string): string | null {
  const hex = runId.replaceAll("-", "").toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(hex)) return null;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function parseExperimentId(id: string): number | null {
  if (!/^\d{1,15}$/.test(id)) return null;
  return Number(id);
}

export async function findExperiment(db: Db, projectId: string, experimentId: string, { lock = false } = {}) {
  const where =
    experimentId === DEFAULT_EXPERIMENT_ID
      ? and(eq(experiments.projectId, projectId), eq(experiments.name, DEFAULT_EXPERIMENT_NAME))
      : and(eq(experiments.projectId, projectId), eq(experiments.id, parseExperimentId(experimentId) ?? -1));
  const q = db.select().from(experiments).where(where).limit(1);
  const [row] = lock ? await q.for("update") : await q;
  return row ?? null;
}

export async function getExperimentRow(db: Db, projectId: string, experimentId: string, opts: { lock?: boolean } = {}) {
  const row = await findExperiment(db, projectId, experimentId, opts);
  if (!row) throw new NotFoundError("Experiment", `No Experiment with id=${experimentId} exists`);
  return row;
}

export function assertExperimentActive(exp: Experiment) {
  if (exp.lifecycleStage !== "active") {
    throw new BadRequestError(`The experiment ${exp.id} must be in the 'active' state. Current state is ${exp.lifecycleStage}.`);
  }
}

export async function getRunRow(db: Db, projectId: string, runId: string) {
  const id = parseRunId(runId);
  const [row] = id ? await db.select().from(runs).where(and(eq(runs.projectId, projectId), eq(runs.id, id))).limit(1) : [];
  if (!row) throw new NotFoundError("Run", `Run with id=${runId} not found`);
  return row;
}

export function assertRunActive(run: Run) {
  if (run.lifecycleStage !== "active") {
    throw new BadRequestError(
      `The run ${runIdHex(run.id)} must be in the 'active' state. Current state is ${run.lifecycleStage}.`,
    );
  }
}

export async function experimentTagsFor(db: Db, ids: number[]) {
  const byExp = new Map<number, KeyValue[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return byExp;
  const rows = await db.select().from(experimentTags).where(inArray(experimentTags.experimentId, ids)).orderBy(experimentTags.key);
  for (const r of rows) byExp.get(r.experimentId)?.push({ key: r.key, value: r.value });
  return byExp;
}

export interface RunData {
  params: KeyValue[];
  tags: KeyValue[];
  metrics: { key: string; value: number; step: number; timestamp: number }[];
  inputs: (typeof runInputs.$inferSelect)[];
  outputs: { modelId: string; step: number }[];
}

/** Params, tags, latest metrics, inputs and outputs of many runs in five queries. */
export async function runDataFor(db: Db, runIds: string[]): Promise<Map<string, RunData>> {
  const out = new Map<string, RunData>(runIds.map((id) => [id, { params: [], tags: [], metrics: [], inputs: [], outputs: [] }]));
  if (runIds.length === 0) return out;
  const queries = [
    () => db.select().from(runParams).where(inArray(runParams.runId, runIds)).orderBy(runParams.key),
    () => db.select().from(runTags).where(inArray(runTags.runId, runIds)).orderBy(runTags.key),
    // One row per run with its latest metrics as JSON text: a page of 100 runs x 50 metrics decodes
    // 100 rows, not 5,000. Elements are [key, value, step, timestamp]; json renders NaN/±Infinity as strings.
    () =>
      db.execute(sql`
      select run_id::text as run_id, json_agg(json_build_array(key, value, step, timestamp) order by key)::text as m
      from ${latestMetrics} where run_id = any(${`{${runIds.join(",")}}`}::uuid[]) group by run_id`),
    () => db.select().from(runInputs).where(inArray(runInputs.runId, runIds)).orderBy(runInputs.createdAt, runInputs.id),
    () => db.select().from(runOutputs).where(inArray(runOutputs.runId, runIds)).orderBy(runOutputs.step, runOutputs.modelId),
  ] as const;
  // In parallel on a pool; one after another inside a transaction, whose single connection must
  // not get overlapping queries (node-postgres deprecates that). Duck-typed: a transaction has
  // rollback(), and instanceof fails where drizzle is loaded both as ESM and CJS (tsx).
  const inTransaction = typeof (db as { rollback?: unknown }).rollback === "function";
  const [params, tags, latest, inputs, outputs] =
    inTransaction
      ? [await queries[0](), await queries[1](), await queries[2](), await queries[3](), await queries[4]()]
      : await Promise.all([queries[0](), queries[1](), queries[2](), queries[3](), queries[4]()]);
  for (const p of params) out.get(p.runId)!.params.push({ key: p.key, value: p.value });
  for (const t of tags) out.get(t.runId)!.tags.push({ key: t.key, value: t.value });
  for (const r of rowsOf<{ run_id: string; m: string }>(latest)) {
    const list = out.get(r.run_id)!.metrics;
    for (const [key, value, step, timestamp] of JSON.parse(r.m) as [string, number | string, number, number][]) {
      list.push({ key, value: typeof value === "number" ? value : Number(value), step, timestamp });
    }
  }
  for (const i of inputs) out.get(i.runId)!.inputs.push(i);
  for (const o of outputs) out.get(o.runId)!.outputs.push({ modelId: o.modelId, step: o.step });
  return out;
}

/** Opaque page tokens: the offset of the next page, base64url-encoded JSON. */
export function encodePageToken(offset: number) {
  return Buffer.from(JSON.stringify({ offset })).toString("base64url");
}

export function decodePageToken(token: string | undefined): number {
  if (!token) return 0;
  try {
    const { offset } = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as { offset?: unknown };
    if (typeof offset === "number" && Number.isSafeInteger(offset) && offset >= 0) return offset;
  } catch {
    // fall through
  }
  throw new BadRequestError("Invalid page token");
}

export const MAX_RESULTS_LIMIT = 50_000;

export function checkMaxResults(maxResults: number | undefined, fallback = 1000) {
  const n = maxResults ?? fallback;
  if (!Number.isInteger(n) || n < 1 || n > MAX_RESULTS_LIMIT) {
    throw new BadRequestError(`Invalid value ${n} for parameter 'max_results' supplied. It must be between 1 and ${MAX_RESULTS_LIMIT}.`);
  }
  return n;
}

/**
 * The page a search reads: `limit` rows (optionally at most `max`) from the page token's offset.
 * Ask the database for `limit + 1` rows; `page` keeps `limit` of them and makes the next token.
 */
export function searchPage(input: { maxResults?: number; pageToken?: string }, { fallback, max }: { fallback?: number; max?: number } = {}) {
  const limit = checkMaxResults(input.maxResults, fallback);
  if (max !== undefined && limit > max) throw new BadRequestError(`Invalid value ${limit} for parameter 'max_results' supplied. It must be at most ${max}.`);
  const offset = decodePageToken(input.pageToken);
  const page = <T>(rows: T[]) => ({ rows: rows.slice(0, limit), nextPageToken: rows.length > limit ? encodePageToken(offset + limit) : undefined });
  return { limit, offset, page };
}
