import { z } from "zod";
import { eq } from "drizzle-orm";
import { memberships, users } from "@/db/schema";
import { assertCan, assertCanGrant } from "@/server/auth/permissions";
import type { OrgContext } from "../context";
import { ConflictError, NotFoundError, isUniqueViolation } from "../errors";
import { recordAudit } from "../audit/record-audit";
import { Email, Roles } from "../schemas";

export const AddMemberInput = z.object({ email: Email, roles: Roles });
export type AddMemberInput = z.infer<typeof AddMemberInput>;

/** Adds an existing Runboard account to the organization by email. */
export async function addMember({ ctx, input }: { ctx: OrgContext; input: AddMemberInput }) {
  assertCan(ctx.roles, "member.manage");
  assertCanGrant(ctx.roles, input.roles);
  const [user] = await ctx.db.select().from(users).where(eq(users.email, input.email)).limit(1);
  if (!user) throw new NotFoundError("Account", `No Runboard account uses ${input.email}: ask them to sign up first`);
  try {
    return await ctx.db.transaction(async (tx) => {
      await tx.insert(memberships).values({ orgId: ctx.org.id, userId: user.id, roles: input.roles });
      await recordAudit(tx, {
        orgId: ctx.org.id,
        actorUserId: ctx.actor.userId,
        action: "member.add",
        targetType: "user",
        targetId: user.id,
        data: { email: user.email, roles: input.roles },
      });
      return { userId: user.id, email: user.email, name: user.name, roles: input.roles };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new ConflictError(`${input.email} is already a member`);
    throw err;
  }
}
