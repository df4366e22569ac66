import { z } from "zod";
import { apiTokens } from "@/db/schema";
import { assertCan } from "@/server/auth/permissions";
import { generateToken } from "@/server/auth/tokens";
import type { OrgContext } from "../context";
import { recordAudit } from "../audit/record-audit";
import { Name } from "../schemas";

export const CreateApiTokenInput = z.object({ name: Name });
export type CreateApiTokenInput = z.infer<typeof CreateApiTokenInput>;

/** Creates a personal token bound to this organization; the secret is returned once and only its hash is kept. */
export async function createApiToken({ ctx, input }: { ctx: OrgContext; input: CreateApiTokenInput }) {
  assertCan(ctx.roles, "token.own");
  const { token, hash, prefix } = generateToken("rb_");
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiTokens)
      .values({ orgId: ctx.org.id, userId: ctx.actor.userId, name: input.name, tokenHash: hash, prefix })
      .returning({ id: apiTokens.id, name: apiTokens.name, prefix: apiTokens.prefix, createdAt: apiTokens.createdAt });
    await recordAudit(tx, {
      orgId: ctx.org.id,
      actorUserId: ctx.actor.userId,
      action: "token.create",
      targetType: "api_token",
      targetId: row!.id,
      data: { name: input.name, prefix },
    });
    return { ...row!, token };
  });
}
