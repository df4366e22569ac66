import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { verifyPassword } from "@/server/auth/passwords";
import { TooManyRequestsError } from "../errors";
import { recordAudit } from "../audit/record-audit";
import { Email } from "../schemas";
import { blockedFor, bucketKey, recordFailure, waitPhrase, type BackOff } from "./rate-limit";

/** Failures per account (by email, known or not): 5 free an hour, then 5 s, 10 s, 20 s … up to 15 min between tries. */
export const ACCOUNT_BACK_OFF: BackOff = { free: 5, windowMs: 3_600_000, firstBlockMs: 5_000, maxBlockMs: 900_000 };
/** Failures per source address across all accounts: 20 free an hour, then the same doubling. */
export const SOURCE_BACK_OFF: BackOff = { free: 20, windowMs: 3_600_000, firstBlockMs: 5_000, maxBlockMs: 900_000 };
/** Failures from one known browser: it skips the two blocks above, so it has its own. */
export const DEVICE_BACK_OFF: BackOff = { free: 5, windowMs: 3_600_000, firstBlockMs: 5_000, maxBlockMs: 900_000 };

export interface SignInSource {
  /** The client's address (`server/auth/client-ip.ts`); null when unknown, which is one shared bucket. */
  ip: string | null;
  /** A browser that signed in before (signed cookie): its id and the accounts it signed in to. */
  device?: { id: string; userIds: readonly string[] } | null;
}

/**
 * Checks an email and password; returns the user, or null when they do not match. Unknown emails
 * cost the same hash as known ones. Failures slow down further tries per account and per source
 * (growing blocks, not a lock): a browser that signed in to this account before skips both, so an
 * attacker guessing elsewhere cannot lock the owner out. Throws TooManyRequestsError while blocked.
 */
export async function signInWithPassword({ db, email, password, source = { ip: null } }: { db: Db; email: unknown; password: unknown; source?: SignInSource }) {
  const parsedEmail = Email.safeParse(email);
  if (!parsedEmail.success || typeof password !== "string" || password.length === 0 || password.length > 200) return null;
  const [user] = await db.select().from(users).where(eq(users.email, parsedEmail.data)).limit(1);

  const knownDevice = user && source.device?.userIds.includes(user.id) ? source.device.id : null;
  const keys = knownDevice
    ? [{ key: bucketKey("signin-device", `${knownDevice}:${user!.id}`), policy: DEVICE_BACK_OFF }]
    : [
        { key: bucketKey("signin-account", parsedEmail.data), policy: ACCOUNT_BACK_OFF },
        { key: bucketKey("signin-ip", source.ip ?? "unknown"), policy: SOURCE_BACK_OFF },
      ];
  const blocked = await blockedFor(db, keys.map((k) => k.key));
  if (blocked) {
    const seconds = Math.ceil(blocked.retryAfterMs / 1000);
    throw new TooManyRequestsError(`Too many failed sign-ins. Wait ${waitPhrase(blocked.retryAfterMs)}, then try again.`, seconds);
  }

  if (!(await verifyPassword(password, user?.passwordHash))) {
    for (const k of keys) await recordFailure(db, k.key, k.policy);
    if (user) await recordAudit(db, { actorUserId: user.id, action: "auth.sign_in_failed", data: { method: "password" } });
    return null;
  }
  await recordAudit(db, { actorUserId: user!.id, action: "auth.sign_in", data: { method: "password" } });
  return { id: user!.id, email: user!.email, name: user!.name };
}
