import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { jobs, organizations, projects } from "@/db/schema";
import { hashToken } from "@/server/auth/tokens";
import { NotFoundError, UnauthorizedError } from "../errors";
import type { ProjectContext } from "../context";
import { jobProjectContext } from "../runner-protocol/internal";

/**
 * An `rbj_` token authenticates MLflow calls for its job's project while the job holds the lease
 * it was issued with (a new claim issues a new token); it acts with the job creator's roles.
 */
export async function authenticateJobToken(db: Db, token: string, orgSlug: string, projectKey: string): Promise<ProjectContext> {
  const [row] = await db
    .select({ job: jobs, org: organizations.slug, key: projects.key })
    .from(jobs)
    .innerJoin(projects, eq(projects.id, jobs.projectId))
    .innerJoin(organizations, eq(organizations.id, jobs.orgId))
    .where(and(eq(jobs.trackingTokenHash, hashToken(token)), eq(jobs.state, "running"), sql`${jobs.leaseExpiresAt} > now()`))
    .limit(1);
  if (!row) throw new UnauthorizedError("Job token expired: the job is not running under this lease any more");
  if (row.org !== orgSlug || row.key !== projectKey.toUpperCase()) {
    throw new NotFoundError("Project", `Project ${orgSlug}/${projectKey} not found`);
  }
  const ctx = await jobProjectContext(db, row.job);
  if (!ctx) throw new UnauthorizedError("The job's creator is no longer a member of this organization");
  return ctx;
}
