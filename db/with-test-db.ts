import { afterAll, beforeAll } from "vitest";
import type { Database } from "./client";
import { createTestDb } from "./testing";

/**
 * One fresh, migrated database for the calling test file (createTestDb): opened in a `beforeAll`,
 * closed in an `afterAll`. Returns a stand-in `Database` whose `db` and `kind` reach the open one,
 * so a file's whole set-up is
 *
 *   const database = withTestDb();
 *
 * and tests and helpers use `database.db` (or pass `database`) as before. Reading it outside this
 * file's hooks and tests (at import time) throws. A file with more set-up (a REST client, an HTTP
 * server, an agent) keeps its own `beforeAll`/`afterAll` after this line: Vitest runs `beforeAll`
 * hooks in order and `afterAll` hooks in reverse ("stack"), so the database is open for them and
 * closed after them.
 *
 * Kept apart from db/testing.ts, which the benchmarks import outside Vitest.
 */
export function withTestDb(): Database {
  let open: Database | undefined;
  const current = () => {
    if (!open) throw new Error("withTestDb: the database is open only inside the test file's hooks and tests");
    return open;
  };
  const close = async () => {
    const db = open;
    open = undefined;
    await db?.close();
  };
  beforeAll(async () => {
    open = await createTestDb();
  });
  afterAll(close);
  return {
    get db() {
      return current().db;
    },
    get kind() {
      return current().kind;
    },
    close,
  };
}
