import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { memberships, users, type Role } from "@/db/schema";
import { assertCan } from "@/server/auth/permissions";
import type { OrgContext } from "../context";
import { ForbiddenError, NotFoundError } from "../errors";

/** The membership of `userId` in `orgId`, as a where clause. */
export const membershipOf = (orgId: string, userId: string) => and(eq(memberships.orgId, orgId), eq(memberships.userId, userId));

export async function getMembership(db: Db, orgId: string, userId: string) {
  const [row] = await db
    .select({ id: memberships.id, roles: memberships.roles, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(membershipOf(orgId, userId))
    .limit(1)
    .for("update", { of: memberships });
  if (!row) throw new NotFoundError("Member");
  return row;
}

/** Refuses a change that would leave the organization with no admin. Call inside the transaction. */
export async function assertAdminRemains(db: Db, orgId: string, losingUserId: string): Promise<void> {
  // Lock every admin membership so two concurrent demotions cannot both pass the check.
  const admins = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), sql`'admin' = any(${memberships.roles})`))
    .for("update");
  if (admins.every((a) => a.userId === losingUserId)) {
    throw new ForbiddenError("The last admin cannot be removed: make someone else an admin first");
  }
}

/** A non-admin may not change or remove an admin's membership. */
export function assertCanTouch(actorRoles: readonly Role[], targetRoles: readonly Role[]): void {
  if (targetRoles.includes("admin") && !actorRoles.includes("admin")) {
    throw new ForbiddenError("Only an admin can change or remove an admin");
  }
}

export type Membership = Awaited<ReturnType<typeof getMembership>>;

/**
 * Runs `change` on one member's membership, locked inside a transaction, once the caller may
 * manage members and may touch this one (only an admin touches an admin).
 */
export async function changeMembership<T>(ctx: OrgContext, userId: string, change: (tx: Db, current: Membership) => Promise<T>): Promise<T> {
  assertCan(ctx.roles, "member.manage");
  return ctx.db.transaction(async (tx) => {
    const current = await getMembership(tx, ctx.org.id, userId);
    assertCanTouch(ctx.roles, current.roles);
    return change(tx, current);
  });
}
