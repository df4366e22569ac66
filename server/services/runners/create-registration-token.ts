import { z } from "zod";
import { runnerRegistrationTokens } from "@/db/schema";
import { assertCan } from "@/server/auth/permissions";
import { generateToken } from "@/server/auth/tokens";
import type { OrgContext } from "../context";
import { recordAudit } from "../audit/record-audit";
import { Name } from "../schemas";

export const CreateRegistrationTokenInput = z.object({ name: Name });
export type CreateRegistrationTokenInput = z.infer<typeof CreateRegistrationTokenInput>;

/** A token that lets a new runner register with the organization; shown once, stored hashed. */
export async function createRegistrationToken({ ctx, input }: { ctx: OrgContext; input: CreateRegistrationTokenInput }) {
  assertCan(ctx.roles, "runner.manage");
  const { token, hash, prefix } = generateToken("rbr_");
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(runnerRegistrationTokens)
      .values({ orgId: ctx.org.id, name: input.name, tokenHash: hash, prefix, createdBy: ctx.actor.userId })
      .returning({ id: runnerRegistrationTokens.id, name: runnerRegistrationTokens.name, prefix: runnerRegistrationTokens.prefix });
    await recordAudit(tx, {
      orgId: ctx.org.id,
      actorUserId: ctx.actor.userId,
      action: "runner_registration_token.create",
      targetType: "runner_registration_token",
      targetId: row!.id,
      data: { name: input.name, prefix },
    });
    return { ...row!, token };
  });
}
