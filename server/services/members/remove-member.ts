import { z } from "zod";
import { and, eq, isNull } from "drizzle-orm";
import { apiTokens, memberships } from "@/db/schema";
import { assertCan } from "@/server/auth/permissions";
import type { OrgContext } from "../context";
import { recordAudit } from "../audit/record-audit";
import { assertAdminRemains, assertCanTouch, getMembership } from "./internal";

export const RemoveMemberInput = z.object({ userId: z.uuid("must be a user id") });
export type RemoveMemberInput = z.infer<typeof RemoveMemberInput>;

/** Removes a member and revokes their API tokens for this organization in the same transaction. */
export async function removeMember({ ctx, input }: { ctx: OrgContext; input: RemoveMemberInput }) {
  assertCan(ctx.roles, "member.manage");
  return ctx.db.transaction(async (tx) => {
    const current = await getMembership(tx, ctx.org.id, input.userId);
    assertCanTouch(ctx.roles, current.roles);
    if (current.roles.includes("admin")) await assertAdminRemains(tx, ctx.org.id, input.userId);
    await tx.delete(memberships).where(and(eq(memberships.orgId, ctx.org.id), eq(memberships.userId, input.userId)));
    await tx
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiTokens.orgId, ctx.org.id), eq(apiTokens.userId, input.userId), isNull(apiTokens.revokedAt)));
    await recordAudit(tx, {
      orgId: ctx.org.id,
      actorUserId: ctx.actor.userId,
      action: "member.remove",
      targetType: "user",
      targetId: input.userId,
      data: { email: current.email, roles: current.roles },
    });
    return { userId: input.userId, removed: true as const };
  });
}
