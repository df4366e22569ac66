import { beforeAll, describe, expect, it } from "vitest";
import { addTestMember, createTestOrg, createTestProject, createTestUser } from "@/db/testing";
import { withTestDb } from "@/db/with-test-db";
import { callerFor } from "@/server/trpc/testing";

const database = withTestDb();

beforeAll(() => {
  // server/events.ts listens on the process database: this file's.
  (globalThis as { __runboardDb?: unknown }).__runboardDb = Promise.resolve({ db: database.db, kind: database.kind, close: async () => undefined });
});

async function workspace() {
  const user = await createTestUser(database.db);
  const org = await createTestOrg(database.db);
  await addTestMember(database.db, org.id, user.id, ["admin"]);
  const project = await createTestProject(database.db, org.id);
  return { trpc: callerFor(database.db, user), org: org.slug, key: project.key };
}

describe("live-event subscriptions", () => {
  it("refuse an unknown project with NOT_FOUND when opened, not an INTERNAL_SERVER_ERROR from inside the stream", async () => {
    const { trpc, org } = await workspace();
    await expect(trpc.board.events({ org, key: "NOPE" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(trpc.runs.events({ org, key: "NOPE" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  // server/events.ts listens on PostgreSQL through DATABASE_URL, which the test databases are not.
  it.skipIf(process.env.TEST_DATABASE_URL)("still deliver the project's board events", async () => {
    const { trpc, org, key } = await workspace();
    const events = (await trpc.board.events({ org, key }))[Symbol.asyncIterator]();
    const first = events.next();
    // The listener is attached on the first read, some time from now: change the board until it hears.
    let heard: IteratorResult<{ topic: string; cardId: string | null }> | undefined;
    first.then((r) => (heard = r), () => undefined);
    const cardIds: string[] = [];
    for (let i = 0; i < 20 && !heard; i++) {
      cardIds.push((await trpc.cards.create({ org, key, title: `Seen live ${i}` })).id);
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(heard?.value).toMatchObject({ topic: "card", cardId: expect.toBeOneOf(cardIds) });
    await events.return?.(undefined);
  });
});
