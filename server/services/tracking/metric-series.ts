import { and, eq, inArray, sql } from "drizzle-orm";
import { rowsOf } from "@/db/rows";
import type { Db } from "@/db/client";
import { latestMetrics, runs } from "@/db/schema";
import type { OrgContext } from "../context";
import { NotFoundError } from "../errors";
import { getRunRow, parseRunId, runIdHex } from "../mlflow/internal";
import { projectScope } from "../projects/project-scope";
import { MetricSeriesInput, type GetRunInput } from "./schemas";

export interface Series {
  runId: string;
  runName: string;
  /** Points in the series before downsampling. */
  total: number;
  steps: number[];
  timestamps: number[];
  values: number[];
}

type Row = { step: number; ts: number; value: number; n: number };

/**
 * Min/max-preserving downsampling in SQL: points in (step, timestamp) order fall into equal-count
 * buckets and each bucket keeps its lowest and highest point (NaN never wins "highest"), plus the
 * first and last point. So at most `maxPoints` real points come back and no spike is lost.
 */
async function downsample(db: Db, runId: string, key: string, maxPoints: number) {
  const buckets = Math.max(1, Math.floor((maxPoints - 2) / 2));
  const res = await db.execute(sql`
    with pts as (
      select step, timestamp, value, id,
             row_number() over (order by step, timestamp, id) - 1 as rn, count(*) over () as n
      from metrics where run_id = ${runId} and key = ${key}
    ), b as (
      select *, case when n <= ${maxPoints} then rn else floor(rn * ${buckets}::float8 / n) end as bucket from pts
    ), ranked as (
      select *,
        row_number() over (partition by bucket order by value asc, rn) as lo,
        row_number() over (partition by bucket order by (value = 'NaN'::float8), value desc, rn) as hi
      from b
    )
    select step::float8 as step, timestamp::float8 as ts, value, n::float8 as n
    from ranked where lo = 1 or hi = 1 or rn = 0 or rn = n - 1 order by rn`);
  return rowsOf<Row>(res).map((r) => ({ step: Number(r.step), ts: Number(r.ts), value: Number(r.value), n: Number(r.n) }));
}

/** One metric of several runs of the project, each downsampled to at most `maxPoints` points. */
export async function metricSeries({ ctx, input: raw }: { ctx: OrgContext; input: MetricSeriesInput }): Promise<Series[]> {
  const input = MetricSeriesInput.parse(raw);
  const p = await projectScope(ctx, input.key, "run.read");
  const ids = [...new Set(input.runIds.map((r) => parseRunId(r)).filter((r): r is string => !!r))];
  const found = ids.length
    ? await ctx.db.select({ id: runs.id, name: runs.name }).from(runs).where(and(eq(runs.projectId, p.project.id), inArray(runs.id, ids)))
    : [];
  if (found.length !== ids.length || ids.length === 0) throw new NotFoundError("Run");
  const byId = new Map(found.map((r) => [r.id, r.name]));
  return Promise.all(
    ids.map(async (id) => {
      const rows = await downsample(ctx.db, id, input.metricKey, input.maxPoints);
      return {
        runId: runIdHex(id),
        runName: byId.get(id)!,
        total: rows[0]?.n ?? 0,
        steps: rows.map((r) => r.step),
        timestamps: rows.map((r) => r.ts),
        values: rows.map((r) => r.value),
      };
    }),
  );
}

const csvValue = (v: number) => (Number.isNaN(v) ? "NaN" : v === Infinity ? "Infinity" : v === -Infinity ? "-Infinity" : String(v));
const csvText = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

/**
 * Every point of one metric of one run as CSV (step,timestamp,value), read in keyset pages so a
 * long series streams without being held in memory. Checks access before the first byte.
 */
export async function metricCsv({ ctx, input }: { ctx: OrgContext; input: GetRunInput & { metricKey: string } }) {
  const p = await projectScope(ctx, input.key, "run.read");
  const run = await getRunRow(ctx.db, p.project.id, input.runId);
  const [known] = await ctx.db
    .select({ key: latestMetrics.key })
    .from(latestMetrics)
    .where(and(eq(latestMetrics.runId, run.id), eq(latestMetrics.key, input.metricKey)));
  if (!known) throw new NotFoundError("Metric", `Run ${input.runId} has no metric ${input.metricKey}`);
  const db = ctx.db;
  async function* lines() {
    yield `run_id,key,step,timestamp,value\n`;
    let after: { step: number; ts: number; id: number } | null = null;
    for (;;) {
      const res: unknown = await db.execute(sql`
        select step::float8 as step, timestamp::float8 as ts, value, id::float8 as id from metrics
        where run_id = ${run.id} and key = ${input.metricKey}
        ${after ? sql`and (step, timestamp, id) > (${after.step}, ${after.ts}, ${after.id})` : sql``}
        order by step, timestamp, id limit 5000`);
      const rows = rowsOf<{ step: number; ts: number; value: number; id: number }>(res);
      if (rows.length === 0) return;
      const hex = runIdHex(run.id);
      const key = csvText(input.metricKey);
      yield rows.map((r) => `${hex},${key},${Number(r.step)},${Number(r.ts)},${csvValue(Number(r.value))}\n`).join("");
      const last = rows.at(-1)!;
      after = { step: Number(last.step), ts: Number(last.ts), id: Number(last.id) };
    }
  }
  return { filename: `${run.name}-${input.metricKey}.csv`.replace(/[^\w.-]+/g, "_"), lines: lines() };
}
