import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { latestMetrics, metrics, runInputs, runParams, runs, runTags, type InputTag } from "@/db/schema";
import { assertCan } from "@/server/auth/permissions";
import { BadRequestError, NotFoundError } from "../errors";
import type { ProjectContext } from "../context";
import { assertRunActive, getRunRow, nowMs, type KeyValue } from "./internal";
import { RUN_NAME_TAG } from "./runs";
import { afterRunWrite } from "../tracking/on-run-write";
import { validateBatchSize, validateKey, validateMetric, validateParam, validateTag, type MetricInput } from "./validation";

export interface LogBatchInput {
  runId: string;
  metrics?: MetricInput[];
  params?: KeyValue[];
  tags?: KeyValue[];
}

/**
 * Logs metrics, params and tags in one transaction: any invalid entry or changed param refuses the
 * whole batch. Metrics go in with one multi-row insert; latest_metrics keeps the newest point per key.
 * Idempotent: a batch sent again (its answer lost) stores nothing twice.
 */
export async function logBatch({ ctx, input }: { ctx: ProjectContext; input: LogBatchInput }) {
  assertCan(ctx.roles, "run.write");
  const ms = input.metrics ?? [];
  const ps = input.params ?? [];
  const ts = input.tags ?? [];
  validateBatchSize({ metrics: ms.length, params: ps.length, tags: ts.length });
  ms.forEach(validateMetric);
  ps.forEach(validateParam);
  ts.forEach((t) => validateTag(t));
  const params = new Map<string, string>();
  for (const p of ps) {
    const seen = params.get(p.key);
    if (seen !== undefined && seen !== p.value) {
      throw new BadRequestError(`Duplicate parameter keys have been submitted with different values: '${p.key}'`);
    }
    params.set(p.key, p.value);
  }
  const run = await getRunRow(ctx.db, ctx.project.id, input.runId);
  assertRunActive(run);
  await ctx.db.transaction(async (tx) => {
    if (params.size > 0) await writeParams(tx, run.id, params);
    if (ts.length > 0) await writeTags(tx, run.id, new Map(ts.map((t) => [t.key, t.value])));
    if (ms.length > 0) await writeMetrics(tx, run.id, ms);
    // Runboard hook (tracking/): card links from runboard.card tags, live events for open pages.
    await afterRunWrite(tx, run, { kind: ms.length ? "metrics" : ts.length ? "tags" : "params", tags: ts, userId: ctx.actor.userId });
  });
}

async function writeParams(tx: Db, runId: string, params: Map<string, string>) {
  const inserted = await tx
    .insert(runParams)
    .values([...params].map(([key, value]) => ({ runId, key, value })))
    .onConflictDoNothing()
    .returning({ key: runParams.key });
  const fresh = new Set(inserted.map((r) => r.key));
  const existingKeys = [...params.keys()].filter((k) => !fresh.has(k));
  if (existingKeys.length === 0) return;
  const existing = await tx
    .select({ key: runParams.key, value: runParams.value })
    .from(runParams)
    .where(and(eq(runParams.runId, runId), inArray(runParams.key, existingKeys)));
  const changed = existing.filter((e) => e.value !== params.get(e.key));
  if (changed.length > 0) {
    const c = changed[0]!;
    throw new BadRequestError(
      `Changing param values is not allowed. Param with key='${c.key}' was already logged with value='${c.value}' for run ID='${runId.replaceAll("-", "")}'. Attempted logging new value '${params.get(c.key)}'.`,
    );
  }
}

async function writeTags(tx: Db, runId: string, tags: Map<string, string>) {
  await tx
    .insert(runTags)
    .values([...tags].map(([key, value]) => ({ runId, key, value })))
    .onConflictDoUpdate({ target: [runTags.runId, runTags.key], set: { value: sql`excluded.value` } });
  const name = tags.get(RUN_NAME_TAG);
  if (name) await tx.update(runs).set({ name }).where(eq(runs.id, runId));
}

/** A PostgreSQL array literal: one bound parameter instead of one per point (6,000 for a full batch). */
const textArray = (xs: string[]) => `{${xs.map((x) => `"${x.replace(/[\\"]/g, "\\$&")}"`).join(",")}}`;
/** Numbers as PostgreSQL reads them: NaN, Infinity and -Infinity are valid float8 input. */
const numberArray = (xs: number[]) => `{${xs.join(",")}}`;

async function writeMetrics(tx: Db, runId: string, points: MetricInput[]) {
  const n = points.length;
  const keys = new Array<string>(n);
  const values = new Array<number>(n);
  const steps = new Array<number>(n);
  const times = new Array<number>(n);
  // The newest point per key in this batch by (step, timestamp); on a tie the later point wins.
  const latest = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const m = points[i]!;
    const step = m.step ?? 0;
    keys[i] = m.key;
    values[i] = m.value;
    steps[i] = step;
    times[i] = m.timestamp;
    const cur = latest.get(m.key);
    if (cur === undefined || step > steps[cur]! || (step === steps[cur] && m.timestamp >= times[cur]!)) latest.set(m.key, i);
  }
  // One statement, five parameters; unnest keeps the batch order, so ids (history's last tie-break) follow it.
  // A point already stored (same key, step, timestamp and value: a retried batch) is skipped, as MLflow does.
  await tx.execute(sql`
    insert into ${metrics} (run_id, key, value, step, timestamp)
    select ${runId}::uuid, u.key, u.value, u.step, u.ts
    from unnest(${textArray(keys)}::text[], ${numberArray(values)}::float8[], ${numberArray(steps)}::bigint[], ${numberArray(times)}::bigint[])
      as u(key, value, step, ts)
    on conflict do nothing`);
  const idx = [...latest.values()];
  await tx.execute(sql`
    insert into ${latestMetrics} as lm (run_id, key, value, step, timestamp)
    select ${runId}::uuid, u.key, u.value, u.step, u.ts
    from unnest(${textArray(idx.map((i) => keys[i]!))}::text[], ${numberArray(idx.map((i) => values[i]!))}::float8[],
                ${numberArray(idx.map((i) => steps[i]!))}::bigint[], ${numberArray(idx.map((i) => times[i]!))}::bigint[])
      as u(key, value, step, ts)
    on conflict (run_id, key) do update set value = excluded.value, step = excluded.step, timestamp = excluded.timestamp
    where (excluded.step, excluded.timestamp) >= (lm.step, lm.timestamp)`);
}

export async function logMetric({ ctx, input }: { ctx: ProjectContext; input: MetricInput & { runId: string } }) {
  const { runId, ...metric } = input;
  await logBatch({ ctx, input: { runId, metrics: [metric] } });
}

export async function logParam({ ctx, input }: { ctx: ProjectContext; input: KeyValue & { runId: string } }) {
  await logBatch({ ctx, input: { runId: input.runId, params: [{ key: input.key, value: input.value }] } });
}

export async function setTag({ ctx, input }: { ctx: ProjectContext; input: KeyValue & { runId: string } }) {
  await logBatch({ ctx, input: { runId: input.runId, tags: [{ key: input.key, value: input.value }] } });
}

export async function deleteTag({ ctx, input }: { ctx: ProjectContext; input: { runId: string; key: string } }) {
  assertCan(ctx.roles, "run.write");
  validateKey(input.key, "Tag");
  const run = await getRunRow(ctx.db, ctx.project.id, input.runId);
  assertRunActive(run);
  const deleted = await ctx.db
    .delete(runTags)
    .where(and(eq(runTags.runId, run.id), eq(runTags.key, input.key)))
    .returning({ key: runTags.key });
  if (deleted.length === 0) throw new NotFoundError("Tag", `No tag with name: ${input.key} in run with id ${input.runId}`);
}

export interface DatasetInput {
  tags?: InputTag[];
  dataset: { name: string; digest: string; sourceType: string; source: string; schema?: string; profile?: string };
}

/** Records dataset inputs; the same (name, digest) logged again to a run is ignored, as MLflow does. */
export async function logInputs({ ctx, input }: { ctx: ProjectContext; input: { runId: string; datasets: DatasetInput[] } }) {
  assertCan(ctx.roles, "run.write");
  for (const d of input.datasets) {
    if (!d.dataset.name || !d.dataset.digest) throw new BadRequestError("Dataset name and digest are required");
    (d.tags ?? []).forEach((t) => validateTag(t));
  }
  const run = await getRunRow(ctx.db, ctx.project.id, input.runId);
  assertRunActive(run);
  if (input.datasets.length === 0) return;
  const now = nowMs();
  await ctx.db
    .insert(runInputs)
    .values(
      input.datasets.map((d) => ({
        runId: run.id,
        name: d.dataset.name,
        digest: d.dataset.digest,
        sourceType: d.dataset.sourceType,
        source: d.dataset.source,
        schema: d.dataset.schema ?? null,
        profile: d.dataset.profile ?? null,
        tags: d.tags ?? [],
        createdAt: now,
      })),
    )
    .onConflictDoNothing();
}
