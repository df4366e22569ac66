import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { jobs, projects, runnerRegistrationTokens, runners } from "@/db/schema";
import { assertCan } from "@/server/auth/permissions";
import { recordOrgAudit } from "../audit/record-audit";
import type { OrgContext } from "../context";
import { NotFoundError } from "../errors";
import { ONLINE_WINDOW_MS } from "../runner-protocol/config";
import type { RunnerOut } from "./schemas";

export async function listRunners({ ctx }: { ctx: OrgContext }): Promise<RunnerOut[]> {
  assertCan(ctx.roles, "org.read");
  const rows = await ctx.db
    .select({ runner: runners, online: sql<boolean>`${runners.lastSeenAt} > now() - make_interval(secs => ${ONLINE_WINDOW_MS / 1000}::double precision)` })
    .from(runners)
    .where(eq(runners.orgId, ctx.org.id))
    .orderBy(desc(runners.lastSeenAt));
  const ids = rows.map((r) => r.runner.id);
  const running = ids.length
    ? await ctx.db
        .select({ id: jobs.id, runnerId: jobs.runnerId, project: projects.key, state: jobs.state, gpus: jobs.gpus, startedAt: jobs.startedAt })
        .from(jobs)
        .innerJoin(projects, eq(projects.id, jobs.projectId))
        .where(and(inArray(jobs.runnerId, ids), eq(jobs.state, "running")))
    : [];
  return rows.map(({ runner: r, online }) => ({
    id: r.id,
    name: r.name,
    labels: r.labels,
    resources: r.resources,
    status: r.status,
    online,
    version: r.version,
    lastSeenAt: r.lastSeenAt,
    createdAt: r.createdAt,
    jobs: running.filter((j) => j.runnerId === r.id).map(({ runnerId: _r, ...j }) => j),
  }));
}

/** Draining: the runner finishes what it runs and takes no new jobs. */
export async function drainRunner({ ctx, input }: { ctx: OrgContext; input: { runnerId: string; drain?: boolean } }) {
  assertCan(ctx.roles, "runner.manage");
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(runners)
      .set({ status: input.drain === false ? "active" : "draining" })
      .where(and(eq(runners.id, input.runnerId), eq(runners.orgId, ctx.org.id)))
      .returning({ id: runners.id, status: runners.status, name: runners.name });
    if (!row) throw new NotFoundError("Runner");
    const action = row.status === "draining" ? "runner.drain" : "runner.resume";
    await recordOrgAudit(tx, ctx, { action, targetType: "runner", targetId: row.id, data: { name: row.name } });
    return { id: row.id, status: row.status };
  });
}

/** Removes the runner: its token stops working and its running jobs go back to the queue when their leases expire. */
export async function removeRunner({ ctx, input }: { ctx: OrgContext; input: { runnerId: string } }) {
  assertCan(ctx.roles, "runner.manage");
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .delete(runners)
      .where(and(eq(runners.id, input.runnerId), eq(runners.orgId, ctx.org.id)))
      .returning({ id: runners.id, name: runners.name });
    if (!row) throw new NotFoundError("Runner");
    await recordOrgAudit(tx, ctx, { action: "runner.remove", targetType: "runner", targetId: row.id, data: { name: row.name } });
    return { id: row.id, removed: true as const };
  });
}

export async function listRegistrationTokens({ ctx }: { ctx: OrgContext }) {
  assertCan(ctx.roles, "runner.manage");
  return ctx.db
    .select({
      id: runnerRegistrationTokens.id,
      name: runnerRegistrationTokens.name,
      prefix: runnerRegistrationTokens.prefix,
      createdAt: runnerRegistrationTokens.createdAt,
      revokedAt: runnerRegistrationTokens.revokedAt,
    })
    .from(runnerRegistrationTokens)
    .where(eq(runnerRegistrationTokens.orgId, ctx.org.id))
    .orderBy(desc(runnerRegistrationTokens.createdAt));
}

/** Revoking stops new registrations; runners already registered keep their own tokens. */
export async function revokeRegistrationToken({ ctx, input }: { ctx: OrgContext; input: { tokenId: string } }) {
  assertCan(ctx.roles, "runner.manage");
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(runnerRegistrationTokens)
      .set({ revokedAt: sql`coalesce(${runnerRegistrationTokens.revokedAt}, now())` })
      .where(and(eq(runnerRegistrationTokens.id, input.tokenId), eq(runnerRegistrationTokens.orgId, ctx.org.id)))
      .returning({ id: runnerRegistrationTokens.id, name: runnerRegistrationTokens.name, prefix: runnerRegistrationTokens.prefix });
    if (!row) throw new NotFoundError("Registration token");
    await recordOrgAudit(tx, ctx, {
      action: "runner_registration_token.revoke",
      targetType: "runner_registration_token",
      targetId: row.id,
      data: { name: row.name, prefix: row.prefix },
    });
    return { id: row.id, revoked: true as const };
  });
}
