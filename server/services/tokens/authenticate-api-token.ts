import { and, eq, isNull, lt, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { apiTokens, memberships, users } from "@/db/schema";
import { hashToken } from "@/server/auth/tokens";

const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * Resolves a bearer token to its user and organization, or null. The membership join means a
 * removed member's tokens stop working at once, whatever the token row says.
 */
export async function authenticateApiToken(db: Db, token: string) {
  if (!token.startsWith("rb_")) return null;
  const [row] = await db
    .select({ tokenId: apiTokens.id, orgId: apiTokens.orgId, userId: users.id, email: users.email, name: users.name })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .innerJoin(memberships, and(eq(memberships.userId, apiTokens.userId), eq(memberships.orgId, apiTokens.orgId)))
    .where(and(eq(apiTokens.tokenHash, hashToken(token)), isNull(apiTokens.revokedAt)))
    .limit(1);
  if (!row) return null;
  const now = new Date();
  await db
    .update(apiTokens)
    .set({ lastUsedAt: now })
    .where(
      and(
        eq(apiTokens.id, row.tokenId),
        or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, new Date(now.getTime() - LAST_USED_RESOLUTION_MS))),
      ),
    );
  return row;
}
