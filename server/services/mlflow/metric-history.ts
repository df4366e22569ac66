import { sql } from "drizzle-orm";
import { rowsOf } from "@/db/rows";
import { metrics } from "@/db/schema";
import { assertCan } from "@/server/auth/permissions";
import { BadRequestError } from "../errors";
import type { ProjectContext } from "../context";
import { getRunRow } from "./internal";

export interface GetMetricHistoryInput {
  runId: string;
  metricKey: string;
  maxResults?: number;
  pageToken?: string;
}

interface Cursor {
  step: number;
  timestamp: number;
  id: number;
}

function decodeCursor(token: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as Cursor;
    if ([c.step, c.timestamp, c.id].every(Number.isSafeInteger)) return c;
  } catch {
    // fall through
  }
  throw new BadRequestError("Invalid page token");
}

/** PGlite and node-postgres both answer `execute` with `{ rows }`. */
const firstRow = <T>(res: unknown) => rowsOf<T>(res)[0]!;

export interface MetricHistoryJson {
  /**
   * The page's points as a JSON array of MLflow metrics (`{key, value, timestamp, step}`, non-finite
   * values as the proto3 strings "NaN", "Infinity", "-Infinity"), built by the database.
   */
  metricsJson: string;
  nextPageToken?: string;
}

/**
 * All points of one metric in (step, timestamp) order. Pages are keyset-based, so appends during
 * paging never shift or repeat points; without max_results the whole history comes back.
 * The database renders the JSON (one text value instead of one row per point: a 10,000-point
 * history costs a single result row to decode), PostgreSQL's json output already quotes NaN and
 * ±Infinity as proto3 JSON wants.
 */
export async function getMetricHistoryJson({ ctx, input }: { ctx: ProjectContext; input: GetMetricHistoryInput }): Promise<MetricHistoryJson> {
  assertCan(ctx.roles, "run.read");
  if (!input.metricKey) throw new BadRequestError("Missing value for required parameter 'metric_key'.");
  const max = input.maxResults;
  if (max !== undefined && (max < 1 || max > 25_000_000 || !Number.isInteger(max))) {
    throw new BadRequestError(`Invalid value ${max} for parameter 'max_results'.`);
  }
  const run = await getRunRow(ctx.db, ctx.project.id, input.runId);
  const after = input.pageToken ? decodeCursor(input.pageToken) : null;
  const afterSql = after ? sql` and (m.step, m.timestamp, m.id) > (${after.step}::bigint, ${after.timestamp}::bigint, ${after.id}::bigint)` : sql``;
  const points = sql`select m.id, m.key, m.value, m.step, m.timestamp from ${metrics} m
    where m.run_id = ${run.id}::uuid and m.key = ${input.metricKey}${afterSql}
    order by m.step, m.timestamp, m.id`;
  if (!max) {
    const res = await ctx.db.execute(
      sql`select coalesce(json_agg(json_build_object('key', p.key, 'value', p.value, 'timestamp', p.timestamp, 'step', p.step) order by p.step, p.timestamp, p.id), '[]')::text as j
          from (${points}) p`,
    );
    return { metricsJson: firstRow<{ j: string }>(res).j };
  }
  // max_results + 1 rows tell whether another page follows; the cursor is the last row of this page.
  const res = await ctx.db.execute(
    sql`select coalesce(json_agg(json_build_object('key', p.key, 'value', p.value, 'timestamp', p.timestamp, 'step', p.step) order by p.rn) filter (where p.rn <= ${max}::bigint), '[]')::text as j,
               count(*)::int as n,
               max(case when p.rn = ${max}::bigint then p.step::text || ',' || p.timestamp::text || ',' || p.id::text end) as c
        from (select q.*, row_number() over (order by q.step, q.timestamp, q.id) as rn from (${points} limit ${max + 1}) q) p`,
  );
  const row = firstRow<{ j: string; n: number | string; c: string | null }>(res);
  if (Number(row.n) <= max || !row.c) return { metricsJson: row.j };
  const [step, timestamp, id] = row.c.split(",").map(Number) as [number, number, number];
  return { metricsJson: row.j, nextPageToken: Buffer.from(JSON.stringify({ step, timestamp, id })).toString("base64url") };
}
