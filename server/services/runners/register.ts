import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { organizations, runnerRegistrationTokens, runners } from "@/db/schema";
import { generateToken, hashToken } from "@/server/auth/tokens";
import type { RegisterRequest, RegisterResponse } from "@/runner/protocol";
import { recordAudit } from "../audit/record-audit";
import { UnauthorizedError } from "../errors";

/** Attaches a runner to the organization of a live registration token; the runner token is returned once. */
export async function registerRunner({ db, input }: { db: Db; input: RegisterRequest }): Promise<RegisterResponse> {
  const [reg] = await db
    .select({
      orgId: runnerRegistrationTokens.orgId,
      slug: organizations.slug,
      tokenId: runnerRegistrationTokens.id,
      tokenName: runnerRegistrationTokens.name,
      tokenCreatedBy: runnerRegistrationTokens.createdBy,
    })
    .from(runnerRegistrationTokens)
    .innerJoin(organizations, eq(organizations.id, runnerRegistrationTokens.orgId))
    .where(and(eq(runnerRegistrationTokens.tokenHash, hashToken(input.registrationToken)), isNull(runnerRegistrationTokens.revokedAt)))
    .limit(1);
  if (!reg) throw new UnauthorizedError("Invalid or revoked runner registration token");
  const { token, hash } = generateToken("rbn_");
  const labels = [...new Set(input.labels)];
  return db.transaction(async (tx) => {
    const [runner] = await tx
      .insert(runners)
      .values({ orgId: reg.orgId, name: input.name, labels, resources: input.resources, tokenHash: hash, version: input.version ?? null })
      .returning({ id: runners.id });
    // No person acts here: the runner presents a token; the event names the token and who created it.
    await recordAudit(tx, {
      orgId: reg.orgId,
      actorUserId: reg.tokenCreatedBy,
      action: "runner.register",
      targetType: "runner",
      targetId: runner!.id,
      data: { name: input.name, labels, registrationToken: reg.tokenName, registrationTokenId: reg.tokenId },
    });
    return { runnerId: runner!.id, token, org: reg.slug };
  });
}
