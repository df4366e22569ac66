import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { memberships, users, type Role } from "@/db/schema";
import { ForbiddenError, NotFoundError } from "../errors";

export async function getMembership(db: Db, orgId: string, userId: string) {
  const [row] = await db
    .select({ id: memberships.id, roles: memberships.roles, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)))
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
