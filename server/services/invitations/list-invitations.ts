import { and, asc, eq } from "drizzle-orm";
import { invitations } from "@/db/schema";
import { assertCan } from "@/server/auth/permissions";
import type { OrgContext } from "../context";
import { isOpen, selectInvitationViews } from "./internal";

/** Invitations not yet accepted or revoked, expired ones included (an admin may resend them). */
export async function listInvitations({ ctx }: { ctx: OrgContext }) {
  assertCan(ctx.roles, "member.manage");
  const rows = await selectInvitationViews(ctx.db)
    .where(and(eq(invitations.orgId, ctx.org.id), isOpen))
    .orderBy(asc(invitations.email));
  return rows.map((r) => ({ ...r, expired: r.expiresAt.getTime() <= Date.now() }));
}
