import { asc, eq } from "drizzle-orm";
import { memberships, organizations } from "@/db/schema";
import type { UserContext } from "../context";

export async function listMyOrgs({ ctx, onlyOrgId }: { ctx: UserContext; onlyOrgId?: string | null }) {
  const rows = await ctx.db
    .select({ id: organizations.id, slug: organizations.slug, name: organizations.name, roles: memberships.roles })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.orgId))
    .where(eq(memberships.userId, ctx.actor.userId))
    .orderBy(asc(organizations.name));
  return onlyOrgId ? rows.filter((r) => r.id === onlyOrgId) : rows;
}
