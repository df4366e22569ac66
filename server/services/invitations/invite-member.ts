import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { invitations, memberships, organizations, users } from "@/db/schema";
import { assertCan, assertCanGrant } from "@/server/auth/permissions";
import type { OrgContext } from "../context";
import { recordOrgAudit } from "../audit/record-audit";
import { newLinkSecret } from "../email/secrets";
import { ConflictError } from "../errors";
import { Email, Roles } from "../schemas";
import { assertMayMailAgain, INVITATION_TTL_MS, invitationLink, invitationView, isOpen, mailInvitation } from "./internal";

export const InviteMemberInput = z.object({ email: Email, roles: Roles });
export type InviteMemberInput = z.infer<typeof InviteMemberInput>;

/**
 * Invites an address into the organization with these roles and mails it a link. The answer is the
 * same whether or not an account uses the address; inviting it again while an invitation is open
 * replaces that one (new roles, new link, new expiry) instead of adding a second.
 */
export async function inviteMember({ ctx, input }: { ctx: OrgContext; input: InviteMemberInput }) {
  assertCan(ctx.roles, "member.manage");
  assertCanGrant(ctx.roles, input.roles);
  const { secret, hash } = newLinkSecret();
  const expiresAt = new Date(Date.now() + INVITATION_TTL_MS);
  const id = await ctx.db.transaction(async (tx) => {
    // One invitation per address at a time: concurrent invites of one organization take turns.
    await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, ctx.org.id)).for("update");
    // Members are listed to everyone in the organization, so saying so reveals nothing new.
    const [member] = await tx
      .select({ id: memberships.id })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.orgId, ctx.org.id), eq(sql`lower(${users.email})`, input.email)))
      .limit(1);
    if (member) throw new ConflictError(`${input.email} is already a member`, { field: "email" });
    const fields = { roles: input.roles, tokenHash: hash, invitedByUserId: ctx.actor.userId, expiresAt, lastSentAt: new Date() };
    const [open] = await tx
      .select({ id: invitations.id, email: invitations.email, lastSentAt: invitations.lastSentAt })
      .from(invitations)
      .where(and(eq(invitations.orgId, ctx.org.id), eq(invitations.email, input.email), isOpen))
      .for("update");
    if (open) assertMayMailAgain(open);
    const [row] = open
      ? await tx.update(invitations).set(fields).where(eq(invitations.id, open.id)).returning({ id: invitations.id })
      : await tx.insert(invitations).values({ orgId: ctx.org.id, email: input.email, ...fields }).returning({ id: invitations.id });
    await recordOrgAudit(tx, ctx, {
      action: "member.invite",
      targetType: "invitation",
      targetId: row!.id,
      data: { email: input.email, roles: input.roles, replaced: Boolean(open) },
    });
    return row!.id;
  });
  const view = await invitationView(ctx.db, id);
  const link = invitationLink(secret);
  await mailInvitation({ email: input.email, orgName: ctx.org.name, inviterName: view.invitedBy ?? "An admin", roles: input.roles, link });
  return { ...view, link };
}
