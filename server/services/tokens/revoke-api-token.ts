import { z } from "zod";
import { and, eq, isNull } from "drizzle-orm";
import { apiTokens } from "@/db/schema";
import type { OrgContext } from "../context";
import { NotFoundError } from "../errors";
import { recordAudit } from "../audit/record-audit";

export const RevokeApiTokenInput = z.object({ tokenId: z.uuid("must be a token id") });
export type RevokeApiTokenInput = z.infer<typeof RevokeApiTokenInput>;

export async function revokeApiToken({ ctx, input }: { ctx: OrgContext; input: RevokeApiTokenInput }) {
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(
        and(
          eq(apiTokens.id, input.tokenId),
          eq(apiTokens.orgId, ctx.org.id),
          eq(apiTokens.userId, ctx.actor.userId),
          isNull(apiTokens.revokedAt),
        ),
      )
      .returning({ id: apiTokens.id, name: apiTokens.name, prefix: apiTokens.prefix });
    if (!row) throw new NotFoundError("API token");
    await recordAudit(tx, {
      orgId: ctx.org.id,
      actorUserId: ctx.actor.userId,
      action: "token.revoke",
      targetType: "api_token",
      targetId: row.id,
      data: { name: row.name, prefix: row.prefix },
    });
    return { id: row.id, revoked: true as const };
  });
}
