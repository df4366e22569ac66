import { and, eq, inArray } from "drizzle-orm";
import { experiments, latestMetrics, runParams, runs, users } from "@/db/schema";
import type { OrgContext } from "../context";
import { BadRequestError } from "../errors";
import { encodePageToken, runIdHex } from "../mlflow/internal";
import { searchRuns } from "../mlflow/search-runs";
import { projectScope } from "../projects/project-scope";
import { ListRunsInput } from "./schemas";

const SORTS: Record<string, string> = {
  start_time: "attributes.start_time",
  end_time: "attributes.end_time",
  run_name: "attributes.run_name",
  status: "attributes.status",
};
const FILTER_OPS = /(=|<|>|\blike\b|\bilike\b|\bis\b|\bin\b)/i;

/** MLflow's order_by for a column name; metric and param keys are quoted with backticks. */
function orderBy(sort: string, dir: "asc" | "desc") {
  const m = /^(metrics|params)\.(.+)$/.exec(sort);
  if (m) {
    if (m[2]!.includes("`")) throw new BadRequestError("a key must not contain a backtick", { field: "sort" });
    return `${m[1]}.\`${m[2]}\` ${dir.toUpperCase()}`;
  }
  const attr = SORTS[sort];
  if (!attr) throw new BadRequestError(`must be one of ${Object.keys(SORTS).join(", ")}, metrics.<key> or params.<key>`, { field: "sort" });
  return `${attr} ${dir.toUpperCase()}`;
}

/** Free text becomes a name match; text that looks like an MLflow filter is used as one. */
function filterFor(q: string | undefined, status: string | undefined) {
  const parts: string[] = [];
  if (status) parts.push(`attributes.status = '${status}'`);
  const text = q?.trim();
  if (text && FILTER_OPS.test(text)) parts.push(text);
  else if (text) {
    const safe = text.replaceAll("'", "").replaceAll("\\", "");
    parts.push(/^[0-9a-f]{6,32}$/i.test(safe) ? `attributes.run_id LIKE '${safe.toLowerCase()}%'` : `attributes.run_name ILIKE '%${safe}%'`);
  }
  return parts.join(" and ") || undefined;
}

/**
 * One page of a project's runs (MLflow search semantics: filter, order, runs lacking the sort key
 * last) with the chosen param and metric columns, plus every param and metric key to choose from.
 */
export async function listRuns({ ctx, input: raw }: { ctx: OrgContext; input: ListRunsInput }) {
  const input = ListRunsInput.parse(raw);
  const p = await projectScope(ctx, input.key, "run.read");
  const expIds = input.experimentId
    ? [input.experimentId]
    : (await ctx.db.select({ id: experiments.id }).from(experiments).where(eq(experiments.projectId, p.project.id))).map((e) => String(e.id));
  const res = await searchRuns({
    ctx: p,
    input: {
      experimentIds: expIds,
      filter: filterFor(input.q, input.status),
      orderBy: [orderBy(input.sort, input.dir)],
      maxResults: input.limit,
      pageToken: input.offset ? encodePageToken(input.offset) : undefined,
    },
  });
  const scope = and(eq(runs.projectId, p.project.id), eq(runs.lifecycleStage, "active"), input.experimentId ? eq(runs.experimentId, Number(input.experimentId)) : undefined);
  const userIds = [...new Set(res.runs.map((r) => r.userId).filter((u): u is string => !!u))];
  const [paramKeys, metricKeys, people] = await Promise.all([
    ctx.db.selectDistinct({ key: runParams.key }).from(runParams).innerJoin(runs, eq(runs.id, runParams.runId)).where(scope).orderBy(runParams.key).limit(500),
    ctx.db.selectDistinct({ key: latestMetrics.key }).from(latestMetrics).innerJoin(runs, eq(runs.id, latestMetrics.runId)).where(scope).orderBy(latestMetrics.key).limit(500),
    userIds.length ? ctx.db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, userIds)) : Promise.resolve([]),
  ]);
  const names = new Map(people.map((u) => [u.id, u.name]));
  const wantP = new Set(input.params);
  const wantM = new Set(input.metrics);
  return {
    runs: res.runs.map((r) => ({
      id: runIdHex(r.id),
      name: r.name,
      status: r.status,
      experimentId: String(r.experimentId),
      startTime: r.startTime,
      endTime: r.endTime,
      user: (r.userId && names.get(r.userId)) || r.mlflowUserId || null,
      params: Object.fromEntries(r.data.params.filter((x) => wantP.has(x.key)).map((x) => [x.key, x.value])),
      metrics: Object.fromEntries(r.data.metrics.filter((x) => wantM.has(x.key)).map((x) => [x.key, x.value])),
    })),
    nextOffset: res.nextPageToken ? input.offset + input.limit : null,
    paramKeys: paramKeys.map((k) => k.key),
    metricKeys: metricKeys.map((k) => k.key),
  };
}
