import { and, asc, desc, eq, getTableColumns, inArray, sql, type SQL } from "drizzle-orm";
import { alias as tableAlias } from "drizzle-orm/pg-core";
import { experiments, latestMetrics, runParams, runs, runTags } from "@/db/schema";
import { assertCan } from "@/server/auth/permissions";
import { BadRequestError } from "../errors";
import type { ProjectContext } from "../context";
import { parseRunId, runDataFor, searchPage } from "./internal";
import type { RunWithData } from "./runs";
import { parseFilter, parseOrderBy, type Clause, type OrderClause } from "./search-filter";
import { compare, numericComparators, stringComparators, type ViewType, viewTypeFilter } from "./sql";

export interface SearchRunsInput {
  experimentIds: string[];
  filter?: string;
  runViewType?: ViewType;
  maxResults?: number;
  orderBy?: string[];
  pageToken?: string;
}

const STRING_ATTRIBUTES = {
  run_id: runs.id,
  run_name: runs.name,
  status: runs.status,
  user_id: runs.mlflowUserId,
  artifact_uri: runs.artifactUri,
  lifecycle_stage: runs.lifecycleStage,
} as const;
const NUMERIC_ATTRIBUTES = { start_time: runs.startTime, end_time: runs.endTime, created: runs.startTime } as const;

function attributeCondition(c: Clause): SQL {
  if (c.key in NUMERIC_ATTRIBUTES) {
    numericComparators(c);
    return compare(NUMERIC_ATTRIBUTES[c.key as keyof typeof NUMERIC_ATTRIBUTES], c);
  }
  const col = STRING_ATTRIBUTES[c.key as keyof typeof STRING_ATTRIBUTES];
  if (!col) {
    const valid = [...Object.keys(STRING_ATTRIBUTES), ...Object.keys(NUMERIC_ATTRIBUTES)].join(", ");
    throw new BadRequestError(`Invalid attribute key '${c.key}' specified. Valid keys are ${valid}`);
  }
  stringComparators(c);
  if (col === runs.id) {
    if (c.op === "LIKE" || c.op === "ILIKE") return compare(sql`replace(${runs.id}::text, '-', '')`, c);
    const ids = (Array.isArray(c.value) ? c.value : [String(c.value)]).map((v) => parseRunId(v) ?? "00000000-0000-0000-0000-000000000000");
    return compare(runs.id, { ...c, value: Array.isArray(c.value) ? ids : ids[0]! });
  }
  return compare(col, c);
}

function condition(c: Clause): SQL {
  if (c.type === "attribute") return attributeCondition(c);
  if (c.type === "metric") {
    numericComparators(c);
    // PostgreSQL orders NaN above every number; MLflow clients expect NaN to match no comparison but !=.
    const nan = c.op === "!=" ? sql`` : sql` and lm.value <> 'NaN'::float8`;
    return sql`exists (select 1 from ${latestMetrics} lm where lm.run_id = ${runs.id} and lm.key = ${c.key} and ${compare(sql`lm.value`, c)}${nan})`;
  }
  const table = c.type === "param" ? runParams : runTags;
  const alias = sql.raw(c.type === "param" ? "rp" : "rt");
  const base = sql`select 1 from ${table} ${alias} where ${alias}.run_id = ${runs.id} and ${alias}.key = ${c.key}`;
  if (c.op === "IS NULL") return sql`not exists (${base})`;
  if (c.op === "IS NOT NULL") return sql`exists (${base})`;
  stringComparators(c);
  if (c.op === "IN" || c.op === "NOT IN") throw new BadRequestError(`IN is only supported for attributes, not ${c.type}s`);
  return sql`exists (${base} and ${compare(sql`${alias}.value`, c)})`;
}

/**
 * Runs lacking the sort key come last whatever the direction; MLflow also puts NaN after real values.
 * A metric, param or tag sort key is one LEFT JOIN on its (run_id, key) primary key (unique, so it
 * never repeats a run), read once per run instead of once per use in ORDER BY.
 */
function orderTerms(o: OrderClause, i: number, joins: Join[]): SQL[] {
  const dir = o.ascending ? asc : desc;
  if (o.type === "attribute") {
    const col =
      NUMERIC_ATTRIBUTES[o.key as keyof typeof NUMERIC_ATTRIBUTES] ?? STRING_ATTRIBUTES[o.key as keyof typeof STRING_ATTRIBUTES];
    if (!col) throw new BadRequestError(`Invalid order_by attribute '${o.key}'`);
    return [sql`${col} is null`, dir(col)];
  }
  const table = o.type === "metric" ? latestMetrics : o.type === "param" ? runParams : runTags;
  const a = tableAlias(table, `ob${i}`);
  joins.push({ table: a, on: and(eq(a.runId, runs.id), eq(a.key, o.key))! });
  const v = a.value;
  const rank = o.type === "metric" ? sql`case when ${v} is null then 2 when ${v} = 'NaN'::float8 then 1 else 0 end` : sql`${v} is null`;
  return [rank, o.ascending ? sql`${v} asc` : sql`${v} desc`];
}

type Join = { table: ReturnType<typeof tableAlias<typeof latestMetrics | typeof runParams | typeof runTags, string>>; on: SQL };

/** MLflow runs/search over the given experiments of this project (others are silently ignored, as unknown ids are). */
export async function searchRuns({ ctx, input }: { ctx: ProjectContext; input: SearchRunsInput }) {
  assertCan(ctx.roles, "run.read");
  const { limit, offset, page } = searchPage(input);
  const where: SQL[] = [eq(runs.projectId, ctx.project.id), viewTypeFilter(runs.lifecycleStage, input.runViewType)];
  const numericIds = input.experimentIds.filter((id) => /^\d{1,15}$/.test(id) && id !== "0").map(Number);
  const expFilter: SQL[] = [];
  if (numericIds.length > 0) expFilter.push(inArray(runs.experimentId, numericIds));
  if (input.experimentIds.includes("0")) {
    expFilter.push(
      sql`${runs.experimentId} in (select ${experiments.id} from ${experiments} where ${experiments.projectId} = ${ctx.project.id} and ${experiments.name} = 'Default')`,
    );
  }
  if (expFilter.length === 0) return { runs: [] as RunWithData[], nextPageToken: undefined };
  where.push(expFilter.length === 1 ? expFilter[0]! : sql`(${sql.join(expFilter, sql` or `)})`);
  for (const c of parseFilter(input.filter)) where.push(condition(c));
  const joins: Join[] = [];
  const order = (input.orderBy ?? []).flatMap((o, i) => orderTerms(parseOrderBy(o), i, joins));
  order.push(desc(runs.startTime), asc(runs.id));
  let q = ctx.db.select(getTableColumns(runs)).from(runs).$dynamic();
  for (const j of joins) q = q.leftJoin(j.table, j.on);
  const rows = await q
    .where(and(...where))
    .orderBy(...order)
    .limit(limit + 1)
    .offset(offset);
  const { rows: found, nextPageToken } = page(rows);
  const data = await runDataFor(ctx.db, found.map((r) => r.id));
  return { runs: found.map((r) => ({ ...r, data: data.get(r.id)! })), nextPageToken };
}
