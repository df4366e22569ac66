import { z } from "zod";
import { memberships, organizations } from "@/db/schema";
import type { UserContext } from "../context";
import { ConflictError, ForbiddenError, isUniqueViolation } from "../errors";
import { recordAudit } from "../audit/record-audit";
import { Name, OrgSlug } from "../schemas";

export const CreateOrgInput = z.object({ slug: OrgSlug, name: Name });
export type CreateOrgInput = z.infer<typeof CreateOrgInput>;

/** Any signed-in user may found an organization; they become its first admin. API tokens, bound to one organization, may not. */
export async function createOrg({ ctx, input }: { ctx: UserContext; input: CreateOrgInput }) {
  if (ctx.actor.tokenOrgId) throw new ForbiddenError("API tokens are bound to one organization and cannot create others");
  try {
    return await ctx.db.transaction(async (tx) => {
      const [org] = await tx.insert(organizations).values(input).returning();
      await tx.insert(memberships).values({ orgId: org!.id, userId: ctx.actor.userId, roles: ["admin"] });
      await recordAudit(tx, { orgId: org!.id, actorUserId: ctx.actor.userId, action: "org.create", targetType: "organization", targetId: org!.id, data: { slug: input.slug } });
      return { id: org!.id, slug: org!.slug, name: org!.name, roles: ["admin" as const] };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new ConflictError(`The organization slug "${input.slug}" is taken`);
    throw err;
  }
}
