import { describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { auditEvents, emailVerifications, users } from "@/db/schema";
import { createTestUser } from "@/db/testing";
import { withTestDb } from "@/db/with-test-db";
import { withMailSink } from "@/server/services/email/with-mail-sink";
import { linkIn } from "@/server/services/email/testing";
import { callerFor } from "@/server/trpc/testing";

const database = withTestDb();
const sink = withMailSink();

const secretOf = (link: string) => new URL(link).pathname.split("/").pop()!;
const verifiedAt = async (id: string) => (await database.db.select().from(users).where(eq(users.id, id)))[0]!.emailVerifiedAt;

describe("email verification", () => {
  it("sign-up mails a link that verifies the address once", async () => {
    const email = `fresh-${Date.now()}@example.test`;
    const user = await callerFor(database.db, null).account.signUp({ email, name: "Fresh Person", password: "long enough pw" });
    expect(await verifiedAt(user.id)).toBeNull();
    expect(await callerFor(database.db, user).account.emailStatus()).toEqual({ email, verified: false });

    const mail = await sink().next(email);
    expect(mail.subject).toBe("Verify your email for Runboard");
    const link = linkIn(mail, "/verify-email/");
    expect(link).toMatch(/^http:\/\/localhost:3000\/verify-email\/[\w-]{40,}$/);
    const [row] = await database.db.select().from(emailVerifications).where(eq(emailVerifications.userId, user.id));
    expect(row!.tokenHash).not.toBe(secretOf(link));
    expect(row!.expiresAt.getTime() - Date.now()).toBeGreaterThan(23 * 3600 * 1000);

    // Following the link needs no session: the mailed secret is the proof.
    await expect(callerFor(database.db, null).account.verifyEmail({ token: secretOf(link) })).resolves.toEqual({ email });
    expect(await verifiedAt(user.id)).toBeInstanceOf(Date);
    expect(await callerFor(database.db, user).account.emailStatus()).toEqual({ email, verified: true });
    await expect(callerFor(database.db, null).account.verifyEmail({ token: secretOf(link) })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/already used/) });
    const events = await database.db.select().from(auditEvents).where(and(eq(auditEvents.actorUserId, user.id), eq(auditEvents.action, "auth.email_verified")));
    expect(events).toHaveLength(1);
  });

  it("refuses an unknown, malformed or expired link and leaves the address unverified", async () => {
    const user = await createTestUser(database.db);
    const anon = callerFor(database.db, null);
    await expect(anon.account.verifyEmail({ token: "A".repeat(43) })).rejects.toMatchObject({ code: "NOT_FOUND", message: expect.stringMatching(/not valid/) });
    await expect(anon.account.verifyEmail({ token: "'; drop table users; --" })).rejects.toMatchObject({ code: "NOT_FOUND" });

    await callerFor(database.db, user).account.resendVerification();
    const link = linkIn(await sink().next(user.email), "/verify-email/");
    await database.db.update(emailVerifications).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(emailVerifications.userId, user.id));
    await expect(anon.account.verifyEmail({ token: secretOf(link) })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/expired/) });
    expect(await verifiedAt(user.id)).toBeNull();
  });

  it("resends at most once a minute, and not at all once verified", async () => {
    const user = await createTestUser(database.db);
    const me = callerFor(database.db, user);
    await expect(me.account.resendVerification()).resolves.toEqual({ email: user.email, alreadyVerified: false, sent: true });
    await sink().next(user.email);
    await expect(me.account.resendVerification()).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS", message: expect.stringMatching(/less than a minute ago/) });
    expect(sink().mailsTo(user.email)).toHaveLength(1);

    await database.db.update(emailVerifications).set({ createdAt: sql`now() - interval '61 seconds'` }).where(eq(emailVerifications.userId, user.id));
    await expect(me.account.resendVerification()).resolves.toMatchObject({ sent: true });
    const second = linkIn(await sink().next(user.email), "/verify-email/");
    await callerFor(database.db, null).account.verifyEmail({ token: secretOf(second) });
    await database.db.update(emailVerifications).set({ createdAt: sql`now() - interval '61 seconds'` }).where(eq(emailVerifications.userId, user.id));
    await expect(me.account.resendVerification()).resolves.toEqual({ email: user.email, alreadyVerified: true, sent: false });
    await expect(callerFor(database.db, null).account.resendVerification()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});
