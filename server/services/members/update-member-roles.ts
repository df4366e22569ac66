import { z } from "zod";
import { and, eq } from "drizzle-orm";
import { memberships } from "@/db/schema";
import { assertCan, assertCanGrant } from "@/server/auth/permissions";
import type { OrgContext } from "../context";
import { recordAudit } from "../audit/record-audit";
import { Roles } from "../schemas";
import { assertAdminRemains, assertCanTouch, getMembership } from "./internal";

export const UpdateMemberRolesInput = z.object({ userId: z.uuid("must be a user id"), roles: Roles });
export type UpdateMemberRolesInput = z.infer<typeof UpdateMemberRolesInput>;

export async function updateMemberRoles({ ctx, input }: { ctx: OrgContext; input: UpdateMemberRolesInput }) {
  assertCan(ctx.roles, "member.manage");
  return ctx.db.transaction(async (tx) => {
    const current = await getMembership(tx, ctx.org.id, input.userId);
    assertCanTouch(ctx.roles, current.roles);
    const added = input.roles.filter((r) => !current.roles.includes(r));
    assertCanGrant(ctx.roles, added);
    if (current.roles.includes("admin") && !input.roles.includes("admin")) {
      await assertAdminRemains(tx, ctx.org.id, input.userId);
    }
    await tx
      .update(memberships)
      .set({ roles: input.roles })
      .where(and(eq(memberships.orgId, ctx.org.id), eq(memberships.userId, input.userId)));
    await recordAudit(tx, {
      orgId: ctx.org.id,
      actorUserId: ctx.actor.userId,
      action: "member.roles_change",
      targetType: "user",
      targetId: input.userId,
      data: { email: current.email, from: current.roles, to: input.roles },
    });
    return { userId: input.userId, roles: input.roles };
  });
}
