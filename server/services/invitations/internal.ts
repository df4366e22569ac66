import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { invitations, users, type Role } from "@/db/schema";
import { appUrl } from "@/server/env";
import { sendMail } from "../email/send-mail";
import { LINK_SECRET_PATTERN } from "../email/secrets";
import { hashToken } from "@/server/auth/tokens";
import { TooManyRequestsError } from "../errors";

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;
export const INVITATION_RESEND_INTERVAL_MS = 60 * 1000;

/** One invitation mail a minute per address and organization, so nobody floods an inbox through invitations. */
export function assertMayMailAgain(row: { lastSentAt: Date; email: string }): void {
  if (Date.now() - row.lastSentAt.getTime() < INVITATION_RESEND_INTERVAL_MS) {
    throw new TooManyRequestsError(`An invitation was mailed to ${row.email} less than a minute ago: wait a minute before sending another`);
  }
}

/** An invitation neither accepted nor revoked (it may have expired), as a where clause. */
export const isOpen = and(isNull(invitations.acceptedAt), isNull(invitations.revokedAt));

export type InvitationState = "pending" | "expired" | "accepted" | "revoked";

export function stateOf(row: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date }): InvitationState {
  if (row.acceptedAt) return "accepted";
  if (row.revokedAt) return "revoked";
  return row.expiresAt.getTime() <= Date.now() ? "expired" : "pending";
}

/** The invitation a link's secret opens, if any (malformed secrets never reach the database). */
export async function findInvitationByToken(db: Db, token: string, lock = false) {
  if (!LINK_SECRET_PATTERN.test(token)) return undefined;
  const q = db.select().from(invitations).where(eq(invitations.tokenHash, hashToken(token))).limit(1);
  const [row] = lock ? await q.for("update") : await q;
  return row;
}

/** What admins see of an invitation (never its secret or hash), with who sent it. */
export function selectInvitationViews(db: Db) {
  return db
    .select({
      id: invitations.id,
      email: invitations.email,
      roles: invitations.roles,
      invitedBy: users.name,
      expiresAt: invitations.expiresAt,
      lastSentAt: invitations.lastSentAt,
      createdAt: invitations.createdAt,
    })
    .from(invitations)
    .leftJoin(users, eq(users.id, invitations.invitedByUserId));
}

export async function invitationView(db: Db, id: string) {
  const [row] = await selectInvitationViews(db).where(eq(invitations.id, id)).limit(1);
  return row!;
}

export function invitationLink(secret: string): string {
  return appUrl(`/invitations/${secret}`);
}

/** Mails the invitation's link; the mail reads the same whether or not the address has an account. */
export async function mailInvitation(input: { email: string; orgName: string; inviterName: string; roles: Role[]; link: string }) {
  return sendMail({
    to: input.email,
    subject: `${input.inviterName} invited you to ${input.orgName} on Runboard`,
    link: input.link,
    text: [
      `${input.inviterName} invited you to join ${input.orgName} on Runboard as ${input.roles.join(", ")}.`,
      "",
      "Open this link to accept or decline:",
      input.link,
      "",
      `It works once and expires in 7 days. You accept it signed in to Runboard as ${input.email}, with that address verified;`,
      "if you have no account yet, the link lets you create one.",
      "If you did not expect this invitation, ignore this email.",
    ].join("\n"),
  });
}
