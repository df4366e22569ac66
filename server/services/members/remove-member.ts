import { z } from "zod";
import { and, eq } from "drizzle-orm";
import { apiTokens, memberships } from "@/db/schema";
import type { OrgContext } from "../context";
import { recordOrgAudit } from "../audit/record-audit";
import { revokeTokens } from "../tokens/internal";
import { assertAdminRemains, changeMembership, membershipOf } from "./internal";

export const RemoveMemberInput = z.object({ userId: z.uuid("must be a user id") });
export type RemoveMemberInput = z.infer<typeof RemoveMemberInput>;

/** Removes a member and revokes their API tokens for this organization in the same transaction. */
export async function removeMember({ ctx, input }: { ctx: OrgContext; input: RemoveMemberInput }) {
  return changeMembership(ctx, input.userId, async (tx, current) => {
    if (current.roles.includes("admin")) await assertAdminRemains(tx, ctx.org.id, input.userId);
    await tx.delete(memberships).where(membershipOf(ctx.org.id, input.userId));
    await revokeTokens(tx, and(eq(apiTokens.orgId, ctx.org.id), eq(apiTokens.userId, input.userId)));
    await recordOrgAudit(tx, ctx, { action: "member.remove", targetType: "user", targetId: input.userId, data: { email: current.email, roles: current.roles } });
    return { userId: input.userId, removed: true as const };
  });
}
