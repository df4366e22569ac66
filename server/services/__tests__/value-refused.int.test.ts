import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { withTestDb } from "@/db/with-test-db";
import { asServiceError, BadRequestError } from "../errors";

// The last line of defence: a value that slipped past the schemas answers 400, never 500.
const database = withTestDb();

async function refusal(query: ReturnType<typeof sql>) {
  return database.db.execute(query).then(
    () => undefined,
    (err: unknown) => err,
  );
}

describe("asServiceError", () => {
  it.each([
    ["a NUL in text", sql`select ${"a\u0000b"}::text`],
    ["a NUL escape in jsonb", sql`select ${JSON.stringify({ a: "\u0000" })}::jsonb`],
    ["a lone surrogate escape in jsonb", sql`select ${JSON.stringify({ a: "\ud800" })}::jsonb`],
    ["a malformed uuid", sql`select ${"0000"}::uuid`],
  ])("turns the database's refusal of %s into a BadRequestError", async (_what, query) => {
    const err = await refusal(query);
    expect(err).toBeDefined();
    expect(asServiceError(err)).toBeInstanceOf(BadRequestError);
  });

  it("leaves other errors alone", async () => {
    const err = await refusal(sql`select * from no_such_table`);
    expect(asServiceError(err)).toBe(err);
  });
});
