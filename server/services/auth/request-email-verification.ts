import { desc, eq } from "drizzle-orm";
import { z } from "zod";
import { text } from "@/lib/text";
import type { Db } from "@/db/client";
import { emailVerifications, users } from "@/db/schema";
import { appUrl } from "@/server/env";
import { sendMail } from "../email/send-mail";
import { newLinkSecret } from "../email/secrets";
import { NotFoundError, TooManyRequestsError } from "../errors";

export const VERIFICATION_TTL_MS = 24 * 60 * 60 * 1000;
export const VERIFICATION_RESEND_INTERVAL_MS = 60 * 1000;

export const VerificationToken = z.object({ token: text().min(1).max(200) });

/**
 * Mails the account a single-use link (valid 24 hours) that proves it owns its address. At most
 * one mail a minute per account; an address already verified gets none (`alreadyVerified`).
 */
export async function requestEmailVerification({ db, userId }: { db: Db; userId: string }) {
  const { secret, hash } = newLinkSecret();
  const user = await db.transaction(async (tx) => {
    // Locking the account serialises concurrent requests, so the once-a-minute check holds.
    const [u] = await tx.select().from(users).where(eq(users.id, userId)).limit(1).for("update");
    if (!u) throw new NotFoundError("Account");
    if (u.emailVerifiedAt) return { ...u, alreadyVerified: true };
    const [last] = await tx
      .select({ createdAt: emailVerifications.createdAt })
      .from(emailVerifications)
      .where(eq(emailVerifications.userId, userId))
      .orderBy(desc(emailVerifications.createdAt))
      .limit(1);
    if (last && Date.now() - last.createdAt.getTime() < VERIFICATION_RESEND_INTERVAL_MS) {
      throw new TooManyRequestsError("A verification email was sent less than a minute ago: check your inbox, or wait a minute and ask again");
    }
    await tx.insert(emailVerifications).values({ userId, email: u.email, tokenHash: hash, expiresAt: new Date(Date.now() + VERIFICATION_TTL_MS) });
    return { ...u, alreadyVerified: false };
  });
  if (user.alreadyVerified) return { email: user.email, alreadyVerified: true, sent: false };
  const link = appUrl(`/verify-email/${secret}`);
  const { sent } = await sendMail({
    to: user.email,
    subject: "Verify your email for Runboard",
    link,
    text: [
      `Hello ${user.name},`,
      "",
      `Open this link to confirm that ${user.email} is yours:`,
      link,
      "",
      "It works once and expires in 24 hours. Until you verify, you cannot accept invitations to organizations.",
      "If you did not create a Runboard account, ignore this email.",
    ].join("\n"),
  });
  return { email: user.email, alreadyVerified: false, sent };
}
