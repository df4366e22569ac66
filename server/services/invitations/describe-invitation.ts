import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { organizations, users } from "@/db/schema";
import { findInvitationByToken, stateOf } from "./internal";

/**
 * What the invitation page shows to whoever holds the link (the link is the secret): the
 * organization, the roles, the invited address and whether it can still be accepted. No change.
 */
export async function describeInvitation({ db, token }: { db: Db; token: string }) {
  const row = await findInvitationByToken(db, token);
  if (!row) return null;
  const [org] = await db.select({ name: organizations.name, slug: organizations.slug }).from(organizations).where(eq(organizations.id, row.orgId)).limit(1);
  const [inviter] = row.invitedByUserId
    ? await db.select({ name: users.name }).from(users).where(eq(users.id, row.invitedByUserId)).limit(1)
    : [];
  return { email: row.email, roles: row.roles, org: org!, invitedBy: inviter?.name ?? null, expiresAt: row.expiresAt, state: stateOf(row) };
}
