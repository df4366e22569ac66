import { z } from "zod";
import { and, desc, eq, inArray, isNull, lt, or } from "drizzle-orm";
import { auditEvents, memberships, users } from "@/db/schema";
import { assertCan } from "@/server/auth/permissions";
import type { OrgContext } from "../context";

export const ListAuditEventsInput = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z.iso.datetime({ offset: true }).optional().describe("Only events older than this time (for paging)"),
});
export type ListAuditEventsInput = z.infer<typeof ListAuditEventsInput>;

/** The organization's events plus account-level events (sign-ins) of its current members, newest first. */
export async function listAuditEvents({ ctx, input }: { ctx: OrgContext; input: ListAuditEventsInput }) {
  assertCan(ctx.roles, "audit.read");
  const memberIds = ctx.db.select({ id: memberships.userId }).from(memberships).where(eq(memberships.orgId, ctx.org.id));
  const rows = await ctx.db
    .select({
      id: auditEvents.id,
      action: auditEvents.action,
      targetType: auditEvents.targetType,
      targetId: auditEvents.targetId,
      data: auditEvents.data,
      createdAt: auditEvents.createdAt,
      actorEmail: users.email,
      actorName: users.name,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .where(
      and(
        or(eq(auditEvents.orgId, ctx.org.id), and(isNull(auditEvents.orgId), inArray(auditEvents.actorUserId, memberIds))),
        input.before ? lt(auditEvents.createdAt, new Date(input.before)) : undefined,
      ),
    )
    .orderBy(desc(auditEvents.createdAt))
    .limit(input.limit);
  return rows;
}
