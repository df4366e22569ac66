import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { text } from "@/lib/text";
import type { Db } from "@/db/client";
import { invitations, memberships, organizations, users } from "@/db/schema";
import type { UserContext } from "../context";
import { recordAudit } from "../audit/record-audit";
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError, isUniqueViolation } from "../errors";
import { findInvitationByToken, stateOf } from "./internal";

export const InvitationToken = z.object({ token: text().min(1).max(200) });
export type InvitationToken = z.infer<typeof InvitationToken>;

const INVALID = "This invitation link is not valid: ask the person who invited you for a new one";

/**
 * Checks that the caller may answer the invitation behind `token`: it is open and unexpired, and
 * the caller is signed in (in a browser, not with an API token) as the owner of its verified address.
 */
async function answerable(tx: Db, ctx: UserContext, token: string) {
  if (ctx.actor.tokenOrgId) throw new ForbiddenError("Answer invitations signed in to Runboard in a browser, not with an API token");
  const row = await findInvitationByToken(tx, token, true);
  if (!row) throw new NotFoundError("Invitation", INVALID);
  const state = stateOf(row);
  if (state === "accepted") throw new ConflictError("This invitation was already accepted: it works once");
  if (state === "revoked") throw new BadRequestError("This invitation was withdrawn or declined: ask for a new one");
  if (state === "expired") throw new BadRequestError("This invitation has expired: ask the person who invited you to send it again");
  const [user] = await tx.select().from(users).where(eq(users.id, ctx.actor.userId)).limit(1);
  if (!user) throw new NotFoundError("Account");
  if (user.email.toLowerCase() !== row.email.toLowerCase()) {
    throw new ForbiddenError(`This invitation is for ${row.email}, but you are signed in as ${user.email}: sign in as ${row.email} to answer it`);
  }
  if (!user.emailVerifiedAt) throw new ForbiddenError(`Verify ${user.email} first: open the link in the verification email we sent you, then accept`);
  return { row, user };
}

/** Makes the caller a member with the invitation's roles; the invitation works once. */
export async function acceptInvitation({ ctx, input }: { ctx: UserContext; input: InvitationToken }) {
  try {
    return await ctx.db.transaction(async (tx) => {
      const { row, user } = await answerable(tx, ctx, input.token);
      const [org] = await tx.select().from(organizations).where(eq(organizations.id, row.orgId)).limit(1);
      await tx.update(invitations).set({ acceptedAt: sql`now()`, acceptedByUserId: user.id }).where(eq(invitations.id, row.id));
      await tx.insert(memberships).values({ orgId: row.orgId, userId: user.id, roles: row.roles });
      await recordAudit(tx, {
        orgId: row.orgId,
        actorUserId: user.id,
        action: "member.invitation_accepted",
        targetType: "invitation",
        targetId: row.id,
        data: { email: user.email, roles: row.roles },
      });
      return { org: { slug: org!.slug, name: org!.name }, roles: row.roles };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new ConflictError("You are already a member of this organization");
    throw err;
  }
}

/** Turns the invitation down: its link stops working and no membership is made. */
export async function declineInvitation({ ctx, input }: { ctx: UserContext; input: InvitationToken }) {
  return ctx.db.transaction(async (tx) => {
    const { row, user } = await answerable(tx, ctx, input.token);
    await tx.update(invitations).set({ revokedAt: sql`now()` }).where(eq(invitations.id, row.id));
    await recordAudit(tx, { orgId: row.orgId, actorUserId: user.id, action: "member.invitation_declined", targetType: "invitation", targetId: row.id, data: { email: user.email } });
    return { declined: true as const };
  });
}
