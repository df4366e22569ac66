import { and, asc, desc, eq, gt } from "drizzle-orm";
import type { z } from "zod";
import { jobLogs, jobs, projects } from "@/db/schema";
import { assertCan } from "@/server/auth/permissions";
import type { OrgContext } from "../context";
import { findJob, selectJobs, toJobOut } from "./internal";
import { JobLogsInput, ListJobsInput, type JobOut } from "./schemas";

export async function getJob({ ctx, input }: { ctx: OrgContext; input: { id: string } }): Promise<JobOut> {
  assertCan(ctx.roles, "run.read");
  return toJobOut(await findJob(ctx.db, ctx, input.id));
}

export async function listJobs({ ctx, input }: { ctx: OrgContext; input: z.input<typeof ListJobsInput> }): Promise<JobOut[]> {
  assertCan(ctx.roles, "run.read");
  const req = ListJobsInput.parse(input);
  const rows = await selectJobs(ctx.db)
    .where(and(eq(jobs.orgId, ctx.org.id), req.state ? eq(jobs.state, req.state) : undefined, req.key ? eq(projects.key, req.key) : undefined))
    .orderBy(desc(jobs.queuedAt), desc(jobs.id))
    .limit(req.limit);
  return rows.map(toJobOut);
}

/** Log lines of every attempt in the order they were stored; poll with the returned cursor. */
export async function getJobLogs({ ctx, input }: { ctx: OrgContext; input: z.input<typeof JobLogsInput> }) {
  assertCan(ctx.roles, "run.read");
  const req = JobLogsInput.parse(input);
  await findJob(ctx.db, ctx, req.id);
  const lines = await ctx.db
    .select({ id: jobLogs.id, attempt: jobLogs.attempt, seq: jobLogs.seq, stream: jobLogs.stream, text: jobLogs.text, at: jobLogs.at })
    .from(jobLogs)
    .where(and(eq(jobLogs.jobId, req.id), gt(jobLogs.id, req.after), req.attempt === undefined ? undefined : eq(jobLogs.attempt, req.attempt)))
    .orderBy(asc(jobLogs.id))
    .limit(req.limit);
  return { lines: lines.map(({ id: _id, ...l }) => l), cursor: lines.at(-1)?.id ?? req.after };
}
