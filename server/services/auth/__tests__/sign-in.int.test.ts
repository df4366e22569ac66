import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditEvents, users } from "@/db/schema";
import { createTestUser, TEST_PASSWORD } from "@/db/testing";
import { withTestDb } from "@/db/with-test-db";
import { callerFor } from "@/server/trpc/testing";
import { MAX_FAILED_SIGN_INS_PER_MINUTE, signInWithPassword } from "../sign-in-with-password";
import { TooManyRequestsError } from "../../errors";

const database = withTestDb();

describe("sign-up and sign-in with email and password", () => {
  it("signs up, stores only a bcrypt hash, and signs in with the same password", async () => {
    const db = database.db;
    const created = await callerFor(db, null).account.signUp({ email: " New.Person@Example.test ", name: "New Person", password: "s3cret-enough" });
    expect(created.email).toBe("new.person@example.test");
    const [row] = await db.select().from(users).where(eq(users.id, created.id));
    expect(row!.passwordHash).toMatch(/^\$2[aby]\$/);
    expect(row!.passwordHash).not.toContain("s3cret-enough");
    const user = await signInWithPassword({ db, email: "NEW.person@example.test", password: "s3cret-enough" });
    expect(user).toMatchObject({ id: created.id, email: "new.person@example.test" });
    const events = await db.select().from(auditEvents).where(and(eq(auditEvents.actorUserId, created.id), eq(auditEvents.action, "auth.sign_in")));
    expect(events).toHaveLength(1);
  });

  it("refuses a wrong password, an unknown email and malformed input without saying which", async () => {
    const db = database.db;
    const u = await createTestUser(db);
    expect(await signInWithPassword({ db, email: u.email, password: "wrong password" })).toBeNull();
    expect(await signInWithPassword({ db, email: "nobody@example.test", password: TEST_PASSWORD })).toBeNull();
    expect(await signInWithPassword({ db, email: ["x"], password: TEST_PASSWORD })).toBeNull();
    const failed = await db.select().from(auditEvents).where(and(eq(auditEvents.actorUserId, u.id), eq(auditEvents.action, "auth.sign_in_failed")));
    expect(failed).toHaveLength(1);
  });

  it("rejects a duplicate sign-up with a conflict and a weak password with a message naming the field", async () => {
    const db = database.db;
    const u = await createTestUser(db);
    await expect(callerFor(db, null).account.signUp({ email: u.email, name: "Again", password: "long enough pw" })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(callerFor(db, null).account.signUp({ email: "short@example.test", name: "S", password: "short" })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("must be at least 8 characters") });
  });

  it("throttles an account after 10 failures in a minute, even with the right password", async () => {
    const db = database.db;
    const u = await createTestUser(db);
    for (let i = 0; i < MAX_FAILED_SIGN_INS_PER_MINUTE; i++) {
      expect(await signInWithPassword({ db, email: u.email, password: `wrong-${i}` })).toBeNull();
    }
    await expect(signInWithPassword({ db, email: u.email, password: TEST_PASSWORD })).rejects.toBeInstanceOf(TooManyRequestsError);
    await expect(signInWithPassword({ db, email: u.email, password: TEST_PASSWORD })).rejects.toThrow(/Too many failed sign-ins/);
    // Another account is not affected.
    const other = await createTestUser(db);
    expect(await signInWithPassword({ db, email: other.email, password: TEST_PASSWORD })).not.toBeNull();
  });
});
