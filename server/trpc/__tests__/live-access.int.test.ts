import { afterEach, describe, expect, it, vi } from "vitest";
import { and, eq } from "drizzle-orm";
import { memberships } from "@/db/schema";
import { addTestMember, createTestOrg, createTestUser, orgCtx } from "@/db/testing";
import { withTestDb } from "@/db/with-test-db";
import { createUserSession, revokeUserSession } from "@/server/services/auth/sessions";
import { whileAllowed } from "../live-access";

const database = withTestDb();
afterEach(() => vi.useRealTimers());

/** A live source of events 1…n; the stream pulls one at a time. */
async function* events(n: number) {
  for (let i = 1; i <= n; i++) yield i;
}

async function setUp() {
  const db = database.db;
  const org = await createTestOrg(db);
  const u = await createTestUser(db);
  await addTestMember(db, org.id, u.id, ["viewer"]);
  const sessionId = await createUserSession(db, { userId: u.id });
  const user = { id: u.id, email: u.email, name: u.name, tokenOrgId: null, sessionId };
  return { db, org, u, user, svc: await orgCtx(db, org.id, u.id) };
}

describe("live streams stop for callers who lost access", () => {
  it("ends an open stream once the member is removed", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const { db, org, u, user, svc } = await setUp();
    const stream = whileAllowed({ db, user, svc }, events(3));
    expect((await stream.next()).value).toBe(1);
    await db.delete(memberships).where(and(eq(memberships.orgId, org.id), eq(memberships.userId, u.id)));
    vi.setSystemTime(Date.now() + 6_000);
    expect(await stream.next()).toEqual({ done: true, value: undefined });
  });

  it("ends an open stream once its browser session is signed out, and keeps others flowing", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const { db, user, svc } = await setUp();
    const stream = whileAllowed({ db, user, svc }, events(3));
    expect((await stream.next()).value).toBe(1);
    vi.setSystemTime(Date.now() + 6_000);
    expect((await stream.next()).value).toBe(2);
    await revokeUserSession(db, user.sessionId);
    vi.setSystemTime(Date.now() + 6_000);
    expect((await stream.next()).done).toBe(true);
  });
});
