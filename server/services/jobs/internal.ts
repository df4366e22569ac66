import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { cards, jobs, projects, runners } from "@/db/schema";
import { MASK } from "@/runner/mask";
import type { JobSpec } from "@/runner/protocol";
import { runIdHex } from "../mlflow/internal";
import type { OrgContext } from "../context";
import { NotFoundError } from "../errors";
import type { JobOut } from "./schemas";

const jobColumns = { job: jobs, project: projects.key, cardNumber: cards.number, runnerName: runners.name };

export function selectJobs(db: Db) {
  return db
    .select(jobColumns)
    .from(jobs)
    .innerJoin(projects, eq(projects.id, jobs.projectId))
    .leftJoin(cards, eq(cards.id, jobs.cardId))
    .leftJoin(runners, eq(runners.id, jobs.runnerId))
    .$dynamic();
}

type Row = { job: typeof jobs.$inferSelect; project: string; cardNumber: number | null; runnerName: string | null };

export function toJobOut(r: Row): JobOut {
  const j = r.job;
  return {
    id: j.id,
    project: r.project,
    card: r.cardNumber === null ? null : `${r.project}-${r.cardNumber}`,
    kind: j.kind,
    spec: redactSpec(j.spec),
    gpus: j.gpus,
    labels: j.labels,
    state: j.state,
    attempt: j.attempt,
    maxAttempts: j.maxAttempts,
    timeoutSeconds: j.timeoutSeconds,
    runner: j.runnerId && r.runnerName ? { id: j.runnerId, name: r.runnerName } : null,
    runId: runIdHex(j.runId),
    cancelRequested: j.cancelRequested,
    exitCode: j.exitCode,
    failureReason: j.failureReason,
    usage: j.usage,
    queuedAt: j.queuedAt,
    startedAt: j.startedAt,
    finishedAt: j.finishedAt,
  };
}

/** Secret env values never leave the server except to the runner holding the lease: the API shows their names with *** as value. */
export function redactSpec(spec: JobSpec): JobSpec {
  if (spec.kind !== "command" || !spec.secretEnv?.length) return spec;
  const env = { ...spec.env };
  for (const name of spec.secretEnv) if (name in env) env[name] = MASK;
  return { ...spec, env };
}

export async function findJob(db: Db, ctx: OrgContext, id: string) {
  const [row] = await selectJobs(db).where(and(eq(jobs.id, id), eq(jobs.orgId, ctx.org.id))).limit(1);
  if (!row) throw new NotFoundError("Job");
  return row;
}
