import { randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import * as bcrypt from "@node-rs/bcrypt";
import { and, eq } from "drizzle-orm";
import { auditEvents, users } from "@/db/schema";
import { createTestUser, TEST_PASSWORD } from "@/db/testing";
import { withTestDb } from "@/db/with-test-db";
import { callerFor } from "@/server/trpc/testing";
import { ACCOUNT_BACK_OFF, SOURCE_BACK_OFF, signInWithPassword } from "../sign-in-with-password";
import { TooManyRequestsError } from "../../errors";

vi.mock("@node-rs/bcrypt", async (importOriginal) => {
  const real = await importOriginal<typeof bcrypt>();
  return { ...real, verify: vi.fn(real.verify), hash: vi.fn(real.hash) };
});

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

  it("slows a guessed account down with growing blocks, but lets the right password through from a browser that signed in before", async () => {
    const db = database.db;
    const u = await createTestUser(db);
    const known = { ip: "198.51.100.7", device: { id: randomUUID(), userIds: [u.id] } };
    const attacker = { ip: "203.0.113.9" };
    const outcomes: string[] = [];
    for (let i = 0; i < 11; i++) {
      outcomes.push(await signInWithPassword({ db, email: u.email, password: `wrong-${i}`, source: attacker }).then((r) => (r ? "ok" : "wrong"), (e: unknown) => (e instanceof TooManyRequestsError ? "blocked" : "error")));
    }
    // Five free failures, the sixth sets a short block, and tries during a block are refused unchecked.
    expect(outcomes.slice(0, ACCOUNT_BACK_OFF.free + 1)).toEqual(Array(ACCOUNT_BACK_OFF.free + 1).fill("wrong"));
    expect(outcomes.slice(ACCOUNT_BACK_OFF.free + 1)).toEqual(Array(11 - ACCOUNT_BACK_OFF.free - 1).fill("blocked"));
    const refused = await signInWithPassword({ db, email: u.email, password: TEST_PASSWORD, source: attacker }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TooManyRequestsError);
    expect((refused as TooManyRequestsError).message).toMatch(/Too many failed sign-ins\. Wait \d+ seconds?, then try again/);
    expect((refused as TooManyRequestsError).retryAfterSeconds).toBeGreaterThan(0);
    // The owner's browser is not locked out.
    expect(await signInWithPassword({ db, email: u.email, password: TEST_PASSWORD, source: known })).toMatchObject({ id: u.id });
    // A device cookie for another account gives no pass.
    const otherDevice = { ip: "203.0.113.9", device: { id: randomUUID(), userIds: [randomUUID()] } };
    await expect(signInWithPassword({ db, email: u.email, password: TEST_PASSWORD, source: otherDevice })).rejects.toBeInstanceOf(TooManyRequestsError);
  });

  it("slows one source trying many accounts, and only that source", async () => {
    const db = database.db;
    const sprayer = { ip: "192.0.2.44" };
    for (let i = 0; i <= SOURCE_BACK_OFF.free; i++) {
      expect(await signInWithPassword({ db, email: `nobody-${i}-${randomUUID()}@example.test`, password: "Summer2026!", source: sprayer })).toBeNull();
    }
    const victim = await createTestUser(db);
    await expect(signInWithPassword({ db, email: victim.email, password: "Summer2026!", source: sprayer })).rejects.toBeInstanceOf(TooManyRequestsError);
    expect(await signInWithPassword({ db, email: victim.email, password: TEST_PASSWORD, source: { ip: "192.0.2.45" } })).toMatchObject({ id: victim.id });
  });

  it("does the same hash work for an unknown email as for a known one", async () => {
    const db = database.db;
    const u = await createTestUser(db);
    vi.mocked(bcrypt.verify).mockClear();
    expect(await signInWithPassword({ db, email: `nobody-${randomUUID()}@example.test`, password: TEST_PASSWORD })).toBeNull();
    expect(bcrypt.verify).toHaveBeenCalledTimes(1);
    expect(await signInWithPassword({ db, email: u.email, password: "wrong password" })).toBeNull();
    expect(bcrypt.verify).toHaveBeenCalledTimes(2);
  });
});
