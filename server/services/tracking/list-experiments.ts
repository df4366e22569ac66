import { and, asc, eq, sql } from "drizzle-orm";
import { experiments, experimentTags, runs } from "@/db/schema";
import type { OrgContext } from "../context";
import { projectScope } from "../projects/project-scope";
import { KEY_METRIC_TAG } from "@/lib/run-tags";
import type { ListExperimentsInput } from "./schemas";

// Subqueries name experiments.id in SQL: drizzle renders a column of the outer table unqualified, which the inner FROM would capture.
/** The project's active experiments with their run counts and key metric, oldest first. */
export async function listExperiments({ ctx, input }: { ctx: OrgContext; input: ListExperimentsInput }) {
  const p = await projectScope(ctx, input.key, "run.read");
  const rows = await ctx.db
    .select({
      id: experiments.id,
      name: experiments.name,
      creationTime: experiments.creationTime,
      runCount: sql<number>`(select count(*)::int from ${runs} r where r.experiment_id = experiments.id and r.lifecycle_stage = 'active')`,
      lastRunAt: sql<number | null>`(select max(r.start_time)::float8 from ${runs} r where r.experiment_id = experiments.id)`,
      keyMetric: sql<string | null>`(select t.value from ${experimentTags} t where t.experiment_id = experiments.id and t.key = ${KEY_METRIC_TAG})`,
    })
    .from(experiments)
    .where(and(eq(experiments.projectId, p.project.id), eq(experiments.lifecycleStage, "active")))
    .orderBy(asc(experiments.creationTime), asc(experiments.id));
  return rows.map((r) => ({ ...r, id: String(r.id), runCount: Number(r.runCount), lastRunAt: r.lastRunAt === null ? null : Number(r.lastRunAt) }));
}
