import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { hashPassword } from "@/server/auth/passwords";
import { env } from "@/server/env";
import { ConflictError, isUniqueViolation, TooManyRequestsError } from "../errors";
import { recordAudit } from "../audit/record-audit";
import { Email, Name, Password } from "../schemas";
import { bucketKey, hitQuota, waitPhrase } from "./rate-limit";
import { requestEmailVerification } from "./request-email-verification";

export const SignUpInput = z.object({ email: Email, name: Name, password: Password });
export type SignUpInput = z.infer<typeof SignUpInput>;

const HOUR = 3_600_000;
/** Tries per email address an hour (the per-source quota is `AUTH_SIGNUPS_PER_SOURCE_PER_HOUR`). */
export const SIGN_UPS_PER_EMAIL_PER_HOUR = 5;

const TAKEN = "An account with this email already exists: sign in instead";

/**
 * Creates a password account and mails its verification link. Cheap checks come first (quotas per
 * source and per email, the address being free), so refused calls never pay for a password hash.
 */
export async function signUp({ db, input, source = { ip: null } }: { db: Db; input: SignUpInput; source?: { ip: string | null } }) {
  const perSource = { max: env().AUTH_SIGNUPS_PER_SOURCE_PER_HOUR, windowMs: HOUR };
  const limited =
    (await hitQuota(db, bucketKey("signup-ip", source.ip ?? "unknown"), perSource)) ??
    (await hitQuota(db, bucketKey("signup-email", input.email), { max: SIGN_UPS_PER_EMAIL_PER_HOUR, windowMs: HOUR }));
  if (limited) {
    throw new TooManyRequestsError(`Too many sign-ups from here. Wait ${waitPhrase(limited.retryAfterMs)}, then try again.`, Math.ceil(limited.retryAfterMs / 1000));
  }
  const [taken] = await db.select({ id: users.id }).from(users).where(eq(users.email, input.email)).limit(1);
  if (taken) throw new ConflictError(TAKEN);

  const passwordHash = await hashPassword(input.password);
  let created: { id: string; email: string; name: string };
  try {
    created = await db.transaction(async (tx) => {
      const [user] = await tx
        .insert(users)
        .values({ email: input.email, name: input.name, passwordHash })
        .returning({ id: users.id, email: users.email, name: users.name });
      await recordAudit(tx, { actorUserId: user!.id, action: "auth.sign_up", targetType: "user", targetId: user!.id });
      return user!;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new ConflictError(TAKEN);
    throw err;
  }
  await requestEmailVerification({ db, userId: created.id });
  return created;
}
