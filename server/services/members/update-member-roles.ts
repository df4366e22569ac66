import { z } from "zod";
import { memberships } from "@/db/schema";
import { assertCanGrant } from "@/server/auth/permissions";
import type { OrgContext } from "../context";
import { recordOrgAudit } from "../audit/record-audit";
import { Roles } from "../schemas";
import { assertAdminRemains, changeMembership, membershipOf } from "./internal";

export const UpdateMemberRolesInput = z.object({ userId: z.uuid("must be a user id"), roles: Roles });
export type UpdateMemberRolesInput = z.infer<typeof UpdateMemberRolesInput>;

export async function updateMemberRoles({ ctx, input }: { ctx: OrgContext; input: UpdateMemberRolesInput }) {
  return changeMembership(ctx, input.userId, async (tx, current) => {
    const added = input.roles.filter((r) => !current.roles.includes(r));
    assertCanGrant(ctx.roles, added);
    if (current.roles.includes("admin") && !input.roles.includes("admin")) {
      await assertAdminRemains(tx, ctx.org.id, input.userId);
    }
    await tx.update(memberships).set({ roles: input.roles }).where(membershipOf(ctx.org.id, input.userId));
    const data = { email: current.email, from: current.roles, to: input.roles };
    await recordOrgAudit(tx, ctx, { action: "member.roles_change", targetType: "user", targetId: input.userId, data });
    return { userId: input.userId, roles: input.roles };
  });
}
