import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { organizations, runnerRegistrationTokens, runners } from "@/db/schema";
import { generateToken, hashToken } from "@/server/auth/tokens";
import type { RegisterRequest, RegisterResponse } from "@/runner/protocol";
import { UnauthorizedError } from "../errors";

/** Attaches a runner to the organization of a live registration token; the runner token is returned once. */
export async function registerRunner({ db, input }: { db: Db; input: RegisterRequest }): Promise<RegisterResponse> {
  const [reg] = await db
    .select({ orgId: runnerRegistrationTokens.orgId, slug: organizations.slug })
    .from(runnerRegistrationTokens)
    .innerJoin(organizations, eq(organizations.id, runnerRegistrationTokens.orgId))
    .where(and(eq(runnerRegistrationTokens.tokenHash, hashToken(input.registrationToken)), isNull(runnerRegistrationTokens.revokedAt)))
    .limit(1);
  if (!reg) throw new UnauthorizedError("Invalid or revoked runner registration token");
  const { token, hash } = generateToken("rbn_");
  const [runner] = await db
    .insert(runners)
    .values({ orgId: reg.orgId, name: input.name, labels: [...new Set(input.labels)], resources: input.resources, tokenHash: hash, version: input.version ?? null })
    .returning({ id: runners.id });
  return { runnerId: runner!.id, token, org: reg.slug };
}
