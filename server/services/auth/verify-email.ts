import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { emailVerifications, users } from "@/db/schema";
import { hashToken } from "@/server/auth/tokens";
import { recordAudit } from "../audit/record-audit";
import { LINK_SECRET_PATTERN } from "../email/secrets";
import { BadRequestError, NotFoundError } from "../errors";

const INVALID = "This verification link is not valid: ask for a new one from the banner in Runboard";

/** What the verification page shows before the person confirms; no state changes. */
export async function describeEmailVerification({ db, token }: { db: Db; token: string }) {
  const row = await findByToken(db, token);
  if (!row) return { state: "invalid" as const };
  const state = row.usedAt ? ("used" as const) : row.expiresAt.getTime() <= Date.now() ? ("expired" as const) : ("pending" as const);
  return { state, email: row.email };
}

/** Marks the address of the link's account verified; the link works once, before it expires, for the address it was sent to. */
export async function verifyEmail({ db, token }: { db: Db; token: string }) {
  return db.transaction(async (tx) => {
    const row = await findByToken(tx, token, true);
    if (!row) throw new NotFoundError("Verification link", INVALID);
    if (row.usedAt) throw new BadRequestError("This verification link was already used: your address is verified");
    if (row.expiresAt.getTime() <= Date.now()) throw new BadRequestError("This verification link has expired: ask for a new one from the banner in Runboard");
    const [user] = await tx.select().from(users).where(eq(users.id, row.userId)).limit(1).for("update");
    // An account whose address changed since the mail was sent proves nothing about the new one.
    if (!user || user.email.toLowerCase() !== row.email.toLowerCase()) throw new NotFoundError("Verification link", INVALID);
    await tx.update(emailVerifications).set({ usedAt: sql`now()` }).where(and(eq(emailVerifications.id, row.id), isNull(emailVerifications.usedAt)));
    if (!user.emailVerifiedAt) {
      await tx.update(users).set({ emailVerifiedAt: sql`now()` }).where(eq(users.id, user.id));
      await recordAudit(tx, { actorUserId: user.id, action: "auth.email_verified", targetType: "user", targetId: user.id, data: { email: user.email } });
    }
    return { email: user.email };
  });
}

async function findByToken(db: Db, token: string, lock = false) {
  if (!LINK_SECRET_PATTERN.test(token)) return undefined;
  const q = db.select().from(emailVerifications).where(eq(emailVerifications.tokenHash, hashToken(token))).limit(1);
  const [row] = lock ? await q.for("update") : await q;
  return row;
}
