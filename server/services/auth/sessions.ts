import { and, eq, isNull, ne, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { userSessions } from "@/db/schema";

/** A session unused for 14 days ends; each use (at most one write a minute) pushes the end back. */
export const SESSION_IDLE_MS = 14 * 24 * 3_600_000;
const TOUCH_EVERY_MS = 60_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Opens a server-side session for a browser that just signed in; its id goes into the session cookie. */
export async function createUserSession(db: Db, { userId, userAgent }: { userId: string; userAgent?: string | null }): Promise<string> {
  const [row] = await db
    .insert(userSessions)
    .values({ userId, userAgent: userAgent?.slice(0, 300) ?? null, expiresAt: new Date(Date.now() + SESSION_IDLE_MS) })
    .returning({ id: userSessions.id });
  return row!.id;
}

/**
 * Whether the cookie's session still stands: the row exists for this user, is not revoked and not
 * past its end. Marks it used (and extends it) at most once a minute.
 */
export async function checkUserSession(db: Db, { sessionId, userId }: { sessionId: unknown; userId: unknown }): Promise<boolean> {
  if (typeof sessionId !== "string" || !UUID.test(sessionId) || typeof userId !== "string") return false;
  const [row] = await db.select().from(userSessions).where(eq(userSessions.id, sessionId)).limit(1);
  const now = Date.now();
  if (!row || row.userId !== userId || row.revokedAt || row.expiresAt.getTime() <= now) return false;
  if (now - row.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
    await db
      .update(userSessions)
      .set({ lastSeenAt: sql`now()`, expiresAt: new Date(now + SESSION_IDLE_MS) })
      .where(and(eq(userSessions.id, sessionId), isNull(userSessions.revokedAt)));
  }
  return true;
}

export async function revokeUserSession(db: Db, sessionId: unknown): Promise<void> {
  if (typeof sessionId !== "string" || !UUID.test(sessionId)) return;
  await db.update(userSessions).set({ revokedAt: sql`now()` }).where(and(eq(userSessions.id, sessionId), isNull(userSessions.revokedAt)));
}

/** Ends every session of the user, except `keep` (the browser asking) when given. */
export async function revokeUserSessions(db: Db, { userId, keep }: { userId: string; keep?: string | null }): Promise<void> {
  const others = keep && UUID.test(keep) ? ne(userSessions.id, keep) : undefined;
  await db
    .update(userSessions)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(userSessions.userId, userId), isNull(userSessions.revokedAt), others));
}
