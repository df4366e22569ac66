import { z } from "zod";
import { and, eq } from "drizzle-orm";
import { apiTokens } from "@/db/schema";
import type { OrgContext } from "../context";
import { NotFoundError } from "../errors";
import { recordOrgAudit } from "../audit/record-audit";
import { revokeTokens } from "./internal";

export const RevokeApiTokenInput = z.object({ tokenId: z.uuid("must be a token id") });
export type RevokeApiTokenInput = z.infer<typeof RevokeApiTokenInput>;

/** Revokes one of the caller's own API tokens of this organization. */
export async function revokeApiToken({ ctx, input }: { ctx: OrgContext; input: RevokeApiTokenInput }) {
  return ctx.db.transaction(async (tx) => {
    const [row] = await revokeTokens(tx, and(eq(apiTokens.id, input.tokenId), eq(apiTokens.orgId, ctx.org.id), eq(apiTokens.userId, ctx.actor.userId)));
    if (!row) throw new NotFoundError("API token");
    await recordOrgAudit(tx, ctx, { action: "token.revoke", targetType: "api_token", targetId: row.id, data: { name: row.name, prefix: row.prefix } });
    return { id: row.id, revoked: true as const };
  });
}
