import { and, count, eq, gt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditEvents, users } from "@/db/schema";
import { verifyPassword } from "@/server/auth/passwords";
import { TooManyRequestsError } from "../errors";
import { recordAudit } from "../audit/record-audit";
import { Email } from "../schemas";

export const MAX_FAILED_SIGN_INS_PER_MINUTE = 10;

/**
 * Checks an email and password. Returns the user, or null when they do not match. Failures are
 * audited per account and, once an account has had 10 failures in the last minute, further
 * attempts are refused before the password is even checked.
 */
export async function signInWithPassword({ db, email, password }: { db: Db; email: unknown; password: unknown }) {
  const parsedEmail = Email.safeParse(email);
  if (!parsedEmail.success || typeof password !== "string" || password.length === 0 || password.length > 200) return null;
  const [user] = await db.select().from(users).where(eq(users.email, parsedEmail.data)).limit(1);
  if (!user?.passwordHash) return null;

  const since = new Date(Date.now() - 60_000);
  const [recent] = await db
    .select({ n: count() })
    .from(auditEvents)
    .where(and(eq(auditEvents.actorUserId, user.id), eq(auditEvents.action, "auth.sign_in_failed"), gt(auditEvents.createdAt, since)));
  if ((recent?.n ?? 0) >= MAX_FAILED_SIGN_INS_PER_MINUTE) {
    throw new TooManyRequestsError("Too many failed sign-ins for this account. Wait a minute, then try again.");
  }

  if (!(await verifyPassword(password, user.passwordHash))) {
    await recordAudit(db, { actorUserId: user.id, action: "auth.sign_in_failed", data: { method: "password" } });
    return null;
  }
  await recordAudit(db, { actorUserId: user.id, action: "auth.sign_in", data: { method: "password" } });
  return { id: user.id, email: user.email, name: user.name };
}
