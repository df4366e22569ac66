import { and, asc, eq, sql } from "drizzle-orm";
import { metrics } from "@/db/schema";
import { assertCan } from "@/server/auth/permissions";
import { BadRequestError } from "../errors";
import { getRunRow, type ProjectContext } from "./internal";

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

/**
 * All points of one metric in (step, timestamp) order. Pages are keyset-based, so appends during
 * paging never shift or repeat points; without max_results the whole history comes back.
 */
export async function getMetricHistory({ ctx, input }: { ctx: ProjectContext; input: GetMetricHistoryInput }) {
  assertCan(ctx.roles, "run.read");
  if (!input.metricKey) throw new BadRequestError("Missing value for required parameter 'metric_key'.");
  if (input.maxResults !== undefined && (input.maxResults < 1 || input.maxResults > 25_000_000 || !Number.isInteger(input.maxResults))) {
    throw new BadRequestError(`Invalid value ${input.maxResults} for parameter 'max_results'.`);
  }
  const run = await getRunRow(ctx.db, ctx.project.id, input.runId);
  const after = input.pageToken ? decodeCursor(input.pageToken) : null;
  const where = and(
    eq(metrics.runId, run.id),
    eq(metrics.key, input.metricKey),
    after ? sql`(${metrics.step}, ${metrics.timestamp}, ${metrics.id}) > (${after.step}, ${after.timestamp}, ${after.id})` : undefined,
  );
  const q = ctx.db
    .select({ id: metrics.id, key: metrics.key, value: metrics.value, step: metrics.step, timestamp: metrics.timestamp })
    .from(metrics)
    .where(where)
    .orderBy(asc(metrics.step), asc(metrics.timestamp), asc(metrics.id));
  const rows = input.maxResults ? await q.limit(input.maxResults + 1) : await q;
  const page = input.maxResults ? rows.slice(0, input.maxResults) : rows;
  const last = page.at(-1);
  const nextPageToken =
    input.maxResults && rows.length > input.maxResults && last
      ? Buffer.from(JSON.stringify({ step: last.step, timestamp: last.timestamp, id: last.id })).toString("base64url")
      : undefined;
  return { metrics: page.map(({ key, value, step, timestamp }) => ({ key, value, step, timestamp })), nextPageToken };
}
