import { randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import * as bcrypt from "@node-rs/bcrypt";
import superjson from "superjson";
import { eq, like } from "drizzle-orm";
import { users } from "@/db/schema";
import { createTestUser } from "@/db/testing";
import { withTestDb } from "@/db/with-test-db";
import { TRPC_MAX_BATCH_SIZE } from "@/lib/trpc-batch";
import { PEER_HEADER } from "@/server/http/client-address";
import { buildContext } from "@/server/trpc/context";
import { handleTrpcRequest } from "@/server/http/trpc";

vi.mock("@node-rs/bcrypt", async (importOriginal) => {
  const real = await importOriginal<typeof bcrypt>();
  return { ...real, verify: vi.fn(real.verify), hash: vi.fn(real.hash) };
});

const database = withTestDb();

/** One tRPC batch request of `account.signUp` calls, as httpBatchLink sends it, from address `ip`. */
async function signUpBatch(inputs: { email: string; name: string; password: string }[], ip: string) {
  const path = Array(inputs.length).fill("account.signUp").join(",");
  const body = Object.fromEntries(inputs.map((input, i) => [String(i), superjson.serialize(input)]));
  const req = new Request(`http://localhost/api/trpc/${path}?batch=1`, {
    method: "POST",
    headers: { "content-type": "application/json", [PEER_HEADER]: ip },
    body: JSON.stringify(body),
  });
  const res = await handleTrpcRequest(req, (r) => buildContext({ db: database.db, req: r, getSession: async () => null }));
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: res.status, retryAfter: res.headers.get("retry-after"), body: (await res.json()) as any };
}

const person = (email: string) => ({ email, name: "Flood", password: "long enough pw" });

describe("sign-up floods", () => {
  it("refuses a batch larger than the limit whole, before any call runs", async () => {
    const tag = randomUUID().slice(0, 8);
    const inputs = Array.from({ length: TRPC_MAX_BATCH_SIZE + 1 }, (_, i) => person(`batch-${tag}-${i}@example.test`));
    const res = await signUpBatch(inputs, "198.51.100.1");
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toMatch(/Batch call exceeds maximum size/);
    expect(await database.db.select().from(users).where(like(users.email, `batch-${tag}-%`))).toHaveLength(0);
  });

  it("answers sign-ups for a taken email without hashing a password", async () => {
    const taken = await createTestUser(database.db);
    vi.mocked(bcrypt.hash).mockClear();
    const res = await signUpBatch(Array.from({ length: 5 }, () => person(taken.email)), "198.51.100.2");
    expect(res.body.map((r: { error?: { json: { data: { code: string } } } }) => r.error?.json.data.code)).toEqual(Array(5).fill("CONFLICT"));
    expect(bcrypt.hash).not.toHaveBeenCalled();
    // A free address is hashed once, off the event loop.
    const fresh = `fresh-${randomUUID()}@example.test`;
    expect((await signUpBatch([person(fresh)], "198.51.100.2")).status).toBe(200);
    expect(bcrypt.hash).toHaveBeenCalledTimes(1);
    expect(await database.db.select().from(users).where(eq(users.email, fresh))).toHaveLength(1);
  });

  it("limits sign-ups per source address, with a message and Retry-After", async () => {
    const ip = "203.0.113.77";
    const taken = await createTestUser(database.db);
    // Every try counts, refused ones too (the default quota is 20 an hour).
    for (let sent = 0; sent < 20; sent += 5) await signUpBatch(Array.from({ length: 5 }, () => person(taken.email)), ip);
    const res = await signUpBatch([person(`late-${randomUUID()}@example.test`)], ip);
    expect(res.status).toBe(429);
    expect(res.body[0].error.json.message).toMatch(/Too many sign-ups from here\. Wait \d+ minutes?, then try again\./);
    expect(Number(res.retryAfter)).toBeGreaterThan(0);
    // Another address is not affected.
    expect((await signUpBatch([person(`other-${randomUUID()}@example.test`)], "203.0.113.78")).status).toBe(200);
  });

  it("limits sign-ups per email address across sources", async () => {
    const email = `target-${randomUUID()}@example.test`;
    await signUpBatch([person(email)], "192.0.2.1");
    for (let i = 2; i <= 5; i++) await signUpBatch([person(email)], `192.0.2.${i}`);
    const res = await signUpBatch([person(email)], "192.0.2.9");
    expect(res.status).toBe(429);
  });
});
