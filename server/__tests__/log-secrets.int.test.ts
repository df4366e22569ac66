import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { apiTokens } from "@/db/schema";
import { createTestOrg, createTestUser } from "@/db/testing";
import { withTestDb } from "@/db/with-test-db";
import { handleTrpcRequest } from "@/server/http/trpc";
import { createLogger } from "@/server/logger";
import { buildContext } from "@/server/trpc/context";

const database = withTestDb();

/** A logger with the app's options whose lines land in `lines`. */
function capturedLogger() {
  const lines: string[] = [];
  return { lines, log: createLogger({ write: (line: string) => void lines.push(line) }, "info") };
}

/** account.signUp through the real tRPC handler, its context logging to `log`. */
function signUpThrough(log: ReturnType<typeof createLogger>, email: string) {
  return handleTrpcRequest(
    new Request("http://localhost/api/trpc/account.signUp", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ json: { email, name: "Log Test", password: "correct horse battery staple" } }),
    }),
    async (req) => ({ ...(await buildContext({ db: database.db, req, getSession: async () => null })), log }),
  );
}

describe("failed queries are logged with their SQL and SQLSTATE, never their parameter values", () => {
  it("a sign-up whose insert fails logs no password hash and no email", async () => {
    await database.db.execute(sql`alter table users add constraint log_test_refuses_inserts check (false) not valid`);
    const { lines, log } = capturedLogger();
    const email = `secret-${randomBytes(4).toString("hex")}@example.test`;
    const res = await signUpThrough(log, email).finally(() => database.db.execute(sql`alter table users drop constraint log_test_refuses_inserts`));
    expect(res.status).toBe(500);
    const logged = lines.join("\n");
    expect(logged).toContain("internal error");
    expect(logged).toMatch(/insert into \\"users\\"/); // the query text, JSON-escaped
    expect(logged).toContain('"code":"23514"'); // SQLSTATE check_violation
    expect(logged).toContain("log_test_refuses_inserts");
    expect(logged).not.toMatch(/\$2[aby]\$\d\d\$/); // a bcrypt hash
    expect(logged).not.toContain(email);
    expect(logged).not.toContain("correct horse");
  });

  it("a unique violation on a token hash logs neither the hash (params) nor PostgreSQL's detail", async () => {
    const user = await createTestUser(database.db);
    const org = await createTestOrg(database.db);
    const tokenHash = `known-secret-hash-${randomBytes(8).toString("hex")}`;
    const row = { orgId: org.id, userId: user.id, name: "t", tokenHash, prefix: "rb_x" };
    await database.db.insert(apiTokens).values(row);
    const err = await database.db.insert(apiTokens).values(row).then(
      () => null,
      (e: unknown) => e,
    );
    expect(String((err as Error).message)).toContain(tokenHash); // what Drizzle puts in the message
    const { lines, log } = capturedLogger();
    log.error({ err, requestId: "r1" }, "request failed");
    log.error({ error: err }, "same under the other key");
    log.error(err as Error);
    const logged = lines.join("\n");
    expect(lines).toHaveLength(3);
    expect(logged).not.toContain(tokenHash);
    expect(logged).toContain('"code":"23505"');
    expect(logged).toContain("api_tokens_token_hash_idx");
    expect(logged).toMatch(/Failed query: insert into \\"api_tokens\\"/);
  });
});
