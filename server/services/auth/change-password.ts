import { eq } from "drizzle-orm";
import { z } from "zod";
import { text } from "@/lib/text";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { hashPassword, verifyPassword } from "@/server/auth/passwords";
import { BadRequestError, ForbiddenError, NotFoundError, TooManyRequestsError } from "../errors";
import { recordAudit } from "../audit/record-audit";
import { Password } from "../schemas";
import { blockedFor, bucketKey, recordFailure, waitPhrase } from "./rate-limit";
import { ACCOUNT_BACK_OFF } from "./sign-in-with-password";
import { revokeUserSessions } from "./sessions";

export const ChangePasswordInput = z.object({
  currentPassword: text().min(1, "enter your current password").max(200, "must be at most 200 characters"),
  newPassword: Password,
});
export type ChangePasswordInput = z.infer<typeof ChangePasswordInput>;

/**
 * Sets a new password after checking the current one (wrong guesses count against the account like
 * failed sign-ins), then ends every other session of the account: a copied cookie stops working.
 */
export async function changePassword({
  db,
  actor,
  input,
}: {
  db: Db;
  actor: { userId: string; sessionId: string | null; tokenOrgId: string | null };
  input: ChangePasswordInput;
}): Promise<{ ok: true }> {
  // Browser sessions only: an API token cannot change the password it was issued under.
  if (actor.tokenOrgId) throw new ForbiddenError("Change your password from the browser, not with an API token");
  const [user] = await db.select().from(users).where(eq(users.id, actor.userId)).limit(1);
  if (!user) throw new NotFoundError("Account");
  if (!user.passwordHash) throw new BadRequestError("this account signs in with GitHub and has no password", { field: "currentPassword" });
  const key = bucketKey("signin-account", user.email);
  const blocked = await blockedFor(db, [key]);
  if (blocked) throw new TooManyRequestsError(`Too many wrong passwords. Wait ${waitPhrase(blocked.retryAfterMs)}, then try again.`, Math.ceil(blocked.retryAfterMs / 1000));
  if (!(await verifyPassword(input.currentPassword, user.passwordHash))) {
    await recordFailure(db, key, ACCOUNT_BACK_OFF);
    throw new BadRequestError("is not your current password", { field: "currentPassword" });
  }
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, user.id));
    await revokeUserSessions(tx, { userId: user.id, keep: actor.sessionId });
    await recordAudit(tx, { actorUserId: user.id, action: "auth.password_changed", targetType: "user", targetId: user.id });
  });
  return { ok: true };
}
