import { createHash } from "node:crypto";
import { and, inArray, gt, lt, sql, or, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rateLimitBuckets } from "@/db/schema";

/**
 * Fixed-window counters in `rate_limit_buckets`, one row per key, updated with one upsert so every
 * web process shares them. Two kinds: a quota (`hitQuota`: at most `max` hits per window) and a
 * failure back-off (`recordFailure`: `free` failures per window, then a block that doubles with each
 * further failure up to `maxBlockMs`).
 */
export interface Quota {
  max: number;
  windowMs: number;
}

export interface BackOff {
  free: number;
  windowMs: number;
  firstBlockMs: number;
  maxBlockMs: number;
}

/** Keys never hold raw emails: a hash is enough to count and keeps addresses out of the table. */
export function bucketKey(kind: string, value: string): string {
  return `${kind}:${createHash("sha256").update(value).digest("base64url").slice(0, 32)}`;
}

/** One upsert: starts a new window when the old one has passed, else counts one more hit in it. */
async function countHit(db: Db, key: string, windowMs: number) {
  const expired = sql`${rateLimitBuckets.windowStartedAt} <= now() - ${windowMs} * interval '1 millisecond'`;
  const [row] = await db
    .insert(rateLimitBuckets)
    .values({ key, hits: 1 })
    .onConflictDoUpdate({
      target: rateLimitBuckets.key,
      set: {
        hits: sql`case when ${expired} then 1 else ${rateLimitBuckets.hits} + 1 end`,
        windowStartedAt: sql`case when ${expired} then now() else ${rateLimitBuckets.windowStartedAt} end`,
      },
    })
    .returning({ hits: rateLimitBuckets.hits, windowStartedAt: rateLimitBuckets.windowStartedAt });
  if (Math.random() < 0.01) await pruneBuckets(db);
  return row!;
}

/** Counts a hit against `quota`; answers how long to wait when the window's quota is already spent. */
export async function hitQuota(db: Db, key: string, quota: Quota): Promise<{ retryAfterMs: number } | null> {
  const row = await countHit(db, key, quota.windowMs);
  if (row.hits <= quota.max) return null;
  return { retryAfterMs: Math.max(1000, row.windowStartedAt.getTime() + quota.windowMs - Date.now()) };
}

/** Counts a failure; past the free ones, blocks the key for a time that doubles with each failure. */
export async function recordFailure(db: Db, key: string, policy: BackOff): Promise<void> {
  const { hits } = await countHit(db, key, policy.windowMs);
  if (hits <= policy.free) return;
  const blockMs = Math.min(policy.firstBlockMs * 2 ** Math.min(hits - policy.free - 1, 30), policy.maxBlockMs);
  await db
    .update(rateLimitBuckets)
    .set({ blockedUntil: sql`now() + ${blockMs} * interval '1 millisecond'` })
    .where(inArray(rateLimitBuckets.key, [key]));
}

/** The longest remaining block among `keys`, or null when none of them is blocked now. */
export async function blockedFor(db: Db, keys: string[]): Promise<{ retryAfterMs: number } | null> {
  if (keys.length === 0) return null;
  const rows = await db
    .select({ blockedUntil: rateLimitBuckets.blockedUntil })
    .from(rateLimitBuckets)
    .where(and(inArray(rateLimitBuckets.key, keys), gt(rateLimitBuckets.blockedUntil, sql`now()`)));
  const until = Math.max(0, ...rows.map((r) => r.blockedUntil!.getTime()));
  return until > 0 ? { retryAfterMs: Math.max(1000, until - Date.now()) } : null;
}

/** Rows whose window ended a day ago and that block nothing are dropped, so the table stays small. */
async function pruneBuckets(db: Db) {
  const stale = sql`now() - interval '1 day'`;
  await db
    .delete(rateLimitBuckets)
    .where(and(lt(rateLimitBuckets.windowStartedAt, stale), or(isNull(rateLimitBuckets.blockedUntil), lt(rateLimitBuckets.blockedUntil, sql`now()`))));
}

/** "30 seconds", "4 minutes": how long to wait, for messages. */
export function waitPhrase(ms: number): string {
  const s = Math.ceil(ms / 1000);
  if (s < 90) return `${s} second${s === 1 ? "" : "s"}`;
  const m = Math.ceil(s / 60);
  return `${m} minute${m === 1 ? "" : "s"}`;
}
