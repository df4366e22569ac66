import { z } from "zod";
import { acceptInvitation, declineInvitation, InvitationToken } from "@/server/services/invitations/accept-invitation";
import { InvitationRef, resendInvitation, revokeInvitation } from "@/server/services/invitations/change-invitation";
import { inviteMember, InviteMemberInput } from "@/server/services/invitations/invite-member";
import { listInvitations } from "@/server/services/invitations/list-invitations";
import { RoleName } from "@/server/services/schemas";
import { authedProcedure, orgProcedure, router } from "../init";

const InvitationOut = z.object({
  id: z.uuid(),
  email: z.string(),
  roles: z.array(RoleName),
  invitedBy: z.string().nullable(),
  expiresAt: z.date(),
  lastSentAt: z.date(),
  createdAt: z.date(),
});
/** The accept link is shown once, to the admin who invited or resent, to pass on by hand if the mail is lost. */
const SentInvitationOut = InvitationOut.extend({ link: z.string() });

export const invitationsRouter = router({
  list: orgProcedure
    .meta({ openapi: { method: "GET", path: "/orgs/{org}/invitations", tags: ["members"], summary: "Open invitations (not accepted or revoked; expired ones included)" } })
    .output(z.array(InvitationOut.extend({ expired: z.boolean() })))
    .query(({ ctx }) => listInvitations({ ctx: ctx.svc })),
  create: orgProcedure
    .meta({
      openapi: {
        method: "POST",
        path: "/orgs/{org}/invitations",
        tags: ["members"],
        summary: "Invite an email address with roles (mails a 7-day, single-use link; the answer is the same whether or not the address has an account)",
      },
    })
    .input(InviteMemberInput)
    .output(SentInvitationOut)
    .mutation(({ ctx, input }) => inviteMember({ ctx: ctx.svc, input })),
  resend: orgProcedure
    .meta({ openapi: { method: "POST", path: "/orgs/{org}/invitations/{invitationId}/resend", tags: ["members"], summary: "Mail an open invitation again with a new link and expiry" } })
    .input(InvitationRef)
    .output(SentInvitationOut)
    .mutation(({ ctx, input }) => resendInvitation({ ctx: ctx.svc, input })),
  revoke: orgProcedure
    .meta({ openapi: { method: "DELETE", path: "/orgs/{org}/invitations/{invitationId}", tags: ["members"], summary: "Revoke an open invitation" } })
    .input(InvitationRef)
    .output(z.object({ id: z.uuid(), revoked: z.literal(true) }))
    .mutation(({ ctx, input }) => revokeInvitation({ ctx: ctx.svc, input })),
  // Answered in the browser by the invited person, never through /api/v1.
  accept: authedProcedure
    .input(InvitationToken)
    .output(z.object({ org: z.object({ slug: z.string(), name: z.string() }), roles: z.array(RoleName) }))
    .mutation(({ ctx, input }) => acceptInvitation({ ctx: { db: ctx.db, actor: { userId: ctx.user.id, tokenOrgId: ctx.user.tokenOrgId } }, input })),
  decline: authedProcedure
    .input(InvitationToken)
    .output(z.object({ declined: z.literal(true) }))
    .mutation(({ ctx, input }) => declineInvitation({ ctx: { db: ctx.db, actor: { userId: ctx.user.id, tokenOrgId: ctx.user.tokenOrgId } }, input })),
});
