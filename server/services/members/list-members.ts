import { asc, eq } from "drizzle-orm";
import { memberships, users } from "@/db/schema";
import { assertCan } from "@/server/auth/permissions";
import type { OrgContext } from "../context";

export async function listMembers({ ctx }: { ctx: OrgContext }) {
  assertCan(ctx.roles, "member.read");
  return ctx.db
    .select({ userId: users.id, email: users.email, name: users.name, roles: memberships.roles, joinedAt: memberships.createdAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.orgId, ctx.org.id))
    .orderBy(asc(users.name));
}
