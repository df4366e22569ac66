import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { userSessions } from "@/db/schema";
import { addTestMember, createTestOrg, createTestUser, TEST_PASSWORD } from "@/db/testing";
import { withTestDb } from "@/db/with-test-db";
import { Browser, useProcessDatabase } from "./auth-browser";

const database = withTestDb();
beforeAll(() => useProcessDatabase(database));

describe("sessions through the real Auth.js handlers", () => {
  it("refuses a copied session cookie after sign-out", async () => {
    const u = await createTestUser(database.db);
    const browser = new Browser(database);
    expect((await browser.signIn(u.email, TEST_PASSWORD)).ok).toBe(true);
    const stolen = browser.copy();
    expect((await stolen.rest("GET", "/me")).status).toBe(200);

    await browser.signOut();
    expect(browser.cookies.has("authjs.session-token")).toBe(false);
    expect((await stolen.rest("GET", "/me")).status).toBe(401);
    const [row] = await database.db.select().from(userSessions).where(eq(userSessions.userId, u.id));
    expect(row!.revokedAt).not.toBeNull();
  });

  it("ends the account's other sessions when the password changes, and keeps the one that changed it", async () => {
    const u = await createTestUser(database.db);
    const laptop = new Browser(database);
    const phone = new Browser(database, "198.51.100.11");
    await laptop.signIn(u.email, TEST_PASSWORD);
    await phone.signIn(u.email, TEST_PASSWORD);
    const stolen = phone.copy();

    const wrong = await laptop.mutation("account.changePassword", { currentPassword: "not it at all", newPassword: "a new long password" });
    expect(wrong.body.error?.json.message).toBe("currentPassword: is not your current password");
    expect((await phone.rest("GET", "/me")).status).toBe(200);

    const changed = await laptop.mutation("account.changePassword", { currentPassword: TEST_PASSWORD, newPassword: "a new long password" });
    expect(changed.status).toBe(200);
    expect((await laptop.rest("GET", "/me")).status).toBe(200);
    expect((await phone.rest("GET", "/me")).status).toBe(401);
    expect((await stolen.rest("GET", "/me")).status).toBe(401);
    // The old password no longer signs in; the new one does.
    expect((await new Browser(database, "198.51.100.12").signIn(u.email, TEST_PASSWORD)).ok).toBe(false);
    expect((await new Browser(database, "198.51.100.12").signIn(u.email, "a new long password")).ok).toBe(true);
  });

  it("leaves a removed member nothing to do in the organization with their existing cookie", async () => {
    const org = await createTestOrg(database.db);
    const admin = await createTestUser(database.db);
    const member = await createTestUser(database.db);
    await addTestMember(database.db, org.id, admin.id, ["admin"]);
    await addTestMember(database.db, org.id, member.id, ["manager"]);
    const adminBrowser = new Browser(database);
    const memberBrowser = new Browser(database, "198.51.100.20");
    await adminBrowser.signIn(admin.email, TEST_PASSWORD);
    await memberBrowser.signIn(member.email, TEST_PASSWORD);
    expect((await memberBrowser.rest("GET", `/orgs/${org.slug}/projects`)).status).toBe(200);

    expect((await adminBrowser.rest("DELETE", `/orgs/${org.slug}/members/${member.id}`)).status).toBe(200);
    expect((await memberBrowser.rest("GET", `/orgs/${org.slug}/projects`)).status).toBe(404);
    expect((await memberBrowser.rest("GET", `/orgs/${org.slug}/members`)).status).toBe(404);
    expect((await memberBrowser.rest("POST", `/orgs/${org.slug}/projects`, { key: "GONE", name: "Gone" })).status).toBe(404);
    const me = await memberBrowser.rest("GET", "/me");
    expect(JSON.stringify(me.body)).not.toContain(org.slug);
  });

  it("lets the right password in from a browser that signed in before, after 11 wrong guesses from elsewhere", async () => {
    const u = await createTestUser(database.db);
    const owner = new Browser(database, "198.51.100.30");
    expect((await owner.signIn(u.email, TEST_PASSWORD)).ok).toBe(true);
    await owner.signOut();
    expect(owner.cookies.has("runboard.known-device")).toBe(true);

    const attacker = new Browser(database, "203.0.113.30");
    const codes: (string | null)[] = [];
    for (let i = 0; i < 11; i++) codes.push((await attacker.signIn(u.email, `guess-${i}`)).code);
    expect(codes.some((c) => c?.startsWith("too_many_attempts_"))).toBe(true);
    const refused = await attacker.signIn(u.email, TEST_PASSWORD);
    expect(refused).toMatchObject({ ok: false, code: expect.stringMatching(/^too_many_attempts_\d+$/) });
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);

    expect((await owner.signIn(u.email, TEST_PASSWORD)).ok).toBe(true);
    expect((await owner.rest("GET", "/me")).status).toBe(200);
  });
});
