import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { invitations } from "@/db/schema";
import { assertCan, assertCanGrant } from "@/server/auth/permissions";
import type { OrgContext } from "../context";
import { recordOrgAudit } from "../audit/record-audit";
import { newLinkSecret } from "../email/secrets";
import { NotFoundError } from "../errors";
import { assertMayMailAgain, INVITATION_TTL_MS, invitationLink, invitationView, isOpen, mailInvitation } from "./internal";

export const InvitationRef = z.object({ invitationId: z.uuid("must be an invitation id") });
export type InvitationRef = z.infer<typeof InvitationRef>;

/** An open invitation of the caller's organization, locked; another organization's is "not found". */
async function openInvitation(ctx: OrgContext, tx: OrgContext["db"], id: string) {
  assertCan(ctx.roles, "member.manage");
  const [row] = await tx
    .select()
    .from(invitations)
    .where(and(eq(invitations.id, id), eq(invitations.orgId, ctx.org.id), isOpen))
    .limit(1)
    .for("update");
  if (!row) throw new NotFoundError("Invitation", "No open invitation with this id: it was accepted, revoked or never existed", { field: "invitationId" });
  // Only someone who may grant its roles may act on it (a manager cannot resend an admin invitation).
  assertCanGrant(ctx.roles, row.roles);
  return row;
}

/** Revokes an open invitation: its link stops working at once. */
export async function revokeInvitation({ ctx, input }: { ctx: OrgContext; input: InvitationRef }) {
  return ctx.db.transaction(async (tx) => {
    const row = await openInvitation(ctx, tx, input.invitationId);
    await tx.update(invitations).set({ revokedAt: sql`now()` }).where(eq(invitations.id, row.id));
    await recordOrgAudit(tx, ctx, { action: "member.invitation_revoked", targetType: "invitation", targetId: row.id, data: { email: row.email, roles: row.roles } });
    return { id: row.id, revoked: true as const };
  });
}

/** Mails an open invitation again with a new link and a new 7-day expiry; the old link stops working. */
export async function resendInvitation({ ctx, input }: { ctx: OrgContext; input: InvitationRef }) {
  const { secret, hash } = newLinkSecret();
  const row = await ctx.db.transaction(async (tx) => {
    const current = await openInvitation(ctx, tx, input.invitationId);
    assertMayMailAgain(current);
    await tx
      .update(invitations)
      .set({ tokenHash: hash, expiresAt: new Date(Date.now() + INVITATION_TTL_MS), lastSentAt: new Date(), invitedByUserId: ctx.actor.userId })
      .where(eq(invitations.id, current.id));
    await recordOrgAudit(tx, ctx, { action: "member.invitation_resent", targetType: "invitation", targetId: current.id, data: { email: current.email, roles: current.roles } });
    return current;
  });
  const view = await invitationView(ctx.db, row.id);
  const link = invitationLink(secret);
  await mailInvitation({ email: row.email, orgName: ctx.org.name, inviterName: view.invitedBy ?? "An admin", roles: row.roles, link });
  return { ...view, link };
}
