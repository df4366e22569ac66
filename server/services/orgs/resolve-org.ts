import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { memberships, organizations } from "@/db/schema";
import type { OrgContext } from "../context";
import { NotFoundError } from "../errors";

/**
 * Turns an organization slug from a URL into an OrgContext, using the caller's membership. Orgs the
 * caller does not belong to answer "not found", so other organizations cannot be discovered. A token
 * bound to another organization is treated the same way.
 */
export async function resolveOrg(
  db: Db,
  { userId, slug, tokenOrgId }: { userId: string; slug: string; tokenOrgId?: string | null },
): Promise<OrgContext> {
  const [row] = await db
    .select({ id: organizations.id, slug: organizations.slug, name: organizations.name, roles: memberships.roles })
    .from(organizations)
    .innerJoin(memberships, and(eq(memberships.orgId, organizations.id), eq(memberships.userId, userId)))
    .where(eq(organizations.slug, slug))
    .limit(1);
  if (!row || (tokenOrgId && tokenOrgId !== row.id)) throw new NotFoundError("Organization");
  return { db, actor: { userId }, org: { id: row.id, slug: row.slug, name: row.name }, roles: row.roles };
}
