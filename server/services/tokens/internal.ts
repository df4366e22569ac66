import { and, isNull, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { apiTokens } from "@/db/schema";

/** Revokes the API tokens `which` selects that are not revoked yet; returns those it revoked. */
export async function revokeTokens(db: Db, which: SQL | undefined) {
  return db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(which, isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id, name: apiTokens.name, prefix: apiTokens.prefix });
}
