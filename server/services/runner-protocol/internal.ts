import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { jobs, memberships, organizations, projects, runners, runs } from "@/db/schema";
import type { RunStatus } from "@/db/schema";
import { hashToken } from "@/server/auth/tokens";
import { ConflictError, UnauthorizedError } from "../errors";
import type { ProjectContext } from "../context";
import { updateRun } from "../mlflow/runs";

export type Runner = typeof runners.$inferSelect;
export type Job = typeof jobs.$inferSelect;

/** A runner acting through the protocol; it sees only its organization's jobs. */
export interface RunnerContext {
  db: Db;
  runner: Runner;
}

export async function authenticateRunner(db: Db, header: string | null): Promise<RunnerContext> {
  const token = /^Bearer\s+(rbn_\S+)$/i.exec(header ?? "")?.[1];
  if (!token) throw new UnauthorizedError("Send the runner token: Authorization: Bearer rbn_…");
  const [runner] = await runnerByTokenHash(db).execute({ hash: hashToken(token) });
  if (!runner) throw new UnauthorizedError("Unknown runner token: the runner was removed or never registered");
  return { db, runner };
}

/**
 * Every runner request starts with this lookup, so it is built once per database and, on
 * PostgreSQL, prepared once per connection: building drizzle's select was a tenth of a claim's CPU.
 */
const preparedLookups = new WeakMap<Db, ReturnType<typeof prepareRunnerLookup>>();
const prepareRunnerLookup = (db: Db) =>
  db.select().from(runners).where(eq(runners.tokenHash, sql.placeholder("hash"))).limit(1).prepare("runner_by_token_hash");
function runnerByTokenHash(db: Db) {
  let prepared = preparedLookups.get(db);
  if (!prepared) preparedLookups.set(db, (prepared = prepareRunnerLookup(db)));
  return prepared;
}

export async function touchRunner(db: Db, runnerId: string, resources?: Runner["resources"]) {
  await db
    .update(runners)
    .set({ lastSeenAt: sql`now()`, ...(resources ? { resources } : {}) })
    .where(eq(runners.id, runnerId));
}

/**
 * Locks the job for a write by the runner holding `leaseId`. Any other lease, an expired one or a
 * job that is no longer running is a 409, and the caller writes nothing (fencing).
 */
export async function lockLiveJob(tx: Db, ctx: RunnerContext, jobId: string, leaseId: string) {
  const [row] = await tx
    .select({ job: jobs, live: sql<boolean>`${jobs.leaseExpiresAt} > now()` })
    .from(jobs)
    .where(and(eq(jobs.id, jobId), eq(jobs.orgId, ctx.runner.orgId)))
    .for("update");
  if (!row || row.job.runnerId !== ctx.runner.id || row.job.leaseId !== leaseId) {
    throw new ConflictError("Lease lost: the job was given to another runner or taken back");
  }
  if (row.job.state !== "running" || !row.live) throw new ConflictError("Lease lost: the lease expired or the job has finished");
  return row.job;
}

/** The job's creator acting in the job's project: MLflow verbs run with that member's roles. */
export async function jobProjectContext(db: Db, job: Pick<Job, "orgId" | "projectId" | "createdBy">): Promise<ProjectContext | null> {
  if (!job.createdBy) return null;
  const [row] = await db
    .select({ org: organizations, roles: memberships.roles, key: projects.key })
    .from(projects)
    .innerJoin(organizations, eq(organizations.id, projects.orgId))
    .innerJoin(memberships, and(eq(memberships.orgId, projects.orgId), eq(memberships.userId, job.createdBy)))
    .where(and(eq(projects.id, job.projectId), eq(projects.orgId, job.orgId)))
    .limit(1);
  if (!row) return null;
  return {
    db,
    actor: { userId: job.createdBy },
    org: { id: row.org.id, slug: row.org.slug, name: row.org.name },
    roles: row.roles,
    project: { id: job.projectId, key: row.key },
  };
}

export const RUN_STATUS_FOR: Record<Job["state"], RunStatus> = {
  queued: "SCHEDULED",
  running: "RUNNING",
  succeeded: "FINISHED",
  failed: "FAILED",
  cancelled: "KILLED",
};

/** Mirrors the job state on its MLflow run through the MLflow verb (falls back to a plain update if the creator left). */
export async function syncRunStatus(tx: Db, job: Job, state: Job["state"]) {
  const status = RUN_STATUS_FOR[state];
  const endTime = ["succeeded", "failed", "cancelled"].includes(state) ? Date.now() : undefined;
  const ctx = await jobProjectContext(tx, job);
  if (ctx) {
    try {
      await updateRun({ ctx, input: { runId: job.runId, status, ...(endTime ? { endTime } : {}) } });
      return;
    } catch {
      // a deleted run refuses writes through the verb; the job state still has to reach it
    }
  }
  await tx.update(runs).set({ status, ...(endTime ? { endTime } : {}) }).where(eq(runs.id, job.runId));
}
