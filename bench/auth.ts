// Auth hardening figures, in-process over real HTTP (node:http + the tRPC fetch handler; no build):
// (a) /api/health-style latency (one SELECT 1 through the event loop, polled every 10 ms) while 100
//     sign-ups arrive at once: as one tRPC batch, as 100 requests from one address, and as 100
//     requests from 100 addresses (the worst case for the per-address quota: every one is hashed);
// (b) sign-in time for a known email (wrong password) against an unknown email, 20 each.
// The event loop's longest stall during each flood is measured too (perf_hooks), apart from the
// database: on PGlite every query of the process waits in one queue, so health also waits for the
// flood's queries; on PostgreSQL (--db postgres) it does not.
//   npx tsx --conditions=react-server bench/auth.ts [--db pglite|postgres]
// Runs unchanged on the code before the hardening (no batch cap, bcryptjs on the event loop) to
// compare: it falls back to tRPC's fetch handler when server/http/trpc.ts is missing.
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import superjson from "superjson";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { createPostgresTestDb, createTestDb, createTestUser } from "@/db/testing";
import { serveFetchHandler } from "@/server/http/node-server";
import { signInWithPassword } from "@/server/services/auth/sign-in-with-password";
import { buildContext, type Context } from "@/server/trpc/context";
import { appRouter } from "@/server/trpc/root";

const PEER = "x-runboard-peer";
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.max(0, Math.ceil((p / 100) * xs.length) - 1))]!;
const ms = (x: number) => `${x.toFixed(1)} ms`;

async function main() {
  const onPostgres = process.argv.includes("postgres");
  const database = onPostgres ? await createPostgresTestDb(process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres") : await createTestDb();
  console.log(`database: ${database.kind}`);
  const db = database.db;
  type Handle = (req: Request, ctx: (r: Request) => Promise<Context>) => Promise<Response>;
  const handleTrpc: Handle = await import("@/server/http/trpc").then(
    (m) => m.handleTrpcRequest as Handle,
    () => ((req, ctx) => fetchRequestHandler({ endpoint: "/api/trpc", req, router: appRouter, createContext: () => ctx(req) })) as Handle,
  );
  const server = await serveFetchHandler(async (req) => {
    if (new URL(req.url).pathname === "/api/health") {
      await db.execute(sql`select 1`);
      return Response.json({ status: "ok" });
    }
    return handleTrpc(req, (r) => buildContext({ db, req: r, getSession: async () => null }));
  });

  async function healthDuring(flood: () => Promise<unknown>) {
    const latencies: number[] = [];
    let done = false;
    const poll = (async () => {
      while (!done) {
        const t = performance.now();
        await fetch(`${server.url}/api/health`).then((r) => r.text());
        latencies.push(performance.now() - t);
        await new Promise((r) => setTimeout(r, 10));
      }
    })();
    const loop = monitorEventLoopDelay({ resolution: 5 });
    loop.enable();
    const t = performance.now();
    const statuses = await flood();
    const wall = performance.now() - t;
    loop.disable();
    done = true;
    await poll;
    return { wall, latencies, statuses, loopMaxMs: loop.max / 1e6 };
  }

  const person = () => ({ email: `flood-${randomUUID()}@example.test`, name: "Flood", password: "long enough pw" });
  const post = (path: string, body: unknown, ip: string) =>
    fetch(`${server.url}/api/trpc/${path}`, { method: "POST", headers: { "content-type": "application/json", [PEER]: ip }, body: JSON.stringify(body) }).then((r) => r.status);

  const floods: [string, () => Promise<unknown>][] = [
    [
      "one batch of 100 sign-ups",
      () => post(`${Array(100).fill("account.signUp").join(",")}?batch=1`, Object.fromEntries(Array.from({ length: 100 }, (_, i) => [String(i), superjson.serialize(person())])), "198.51.100.1"),
    ],
    ["100 sign-up requests from one address", () => Promise.all(Array.from({ length: 100 }, () => post("account.signUp", superjson.serialize(person()), "198.51.100.2")))],
    ["100 sign-up requests from 100 addresses", () => Promise.all(Array.from({ length: 100 }, (_, i) => post("account.signUp", superjson.serialize(person()), `203.0.113.${i + 1}`)))],
  ];
  await healthDuring(() => post("account.signUp", superjson.serialize(person()), "192.0.2.250")); // warm-up
  console.log("(a) /api/health while 100 sign-ups arrive at once");
  for (const [name, flood] of floods) {
    const r = await healthDuring(flood);
    const counts = ([] as unknown[]).concat(r.statuses).reduce<Record<string, number>>((acc, s) => ({ ...acc, [String(s)]: (acc[String(s)] ?? 0) + 1 }), {});
    console.log(`  ${name}: flood ${ms(r.wall)} (HTTP ${JSON.stringify(counts)}); health p50 ${ms(pct(r.latencies, 50))}, max ${ms(Math.max(...r.latencies))} over ${r.latencies.length} polls; event loop stalled ${ms(r.loopMaxMs)} at most`);
  }

  console.log("(b) sign-in, wrong password: known email vs unknown email (20 each, distinct accounts and addresses)");
  const known = await Promise.all(Array.from({ length: 20 }, () => createTestUser(db)));
  const time = async (email: string, i: number) => {
    const t = performance.now();
    await signInWithPassword({ db, email, password: "wrong password", source: { ip: `192.0.2.${i + 1}` } } as Parameters<typeof signInWithPassword>[0]);
    return performance.now() - t;
  };
  const k: number[] = [];
  const u: number[] = [];
  for (let i = 0; i < 20; i++) {
    k.push(await time(known[i]!.email, i));
    u.push(await time(`nobody-${randomUUID()}@example.test`, i + 100));
  }
  console.log(`  known email: p50 ${ms(pct(k, 50))}, p90 ${ms(pct(k, 90))}; unknown email: p50 ${ms(pct(u, 50))}, p90 ${ms(pct(u, 90))}`);
  await server.close();
  await database.close();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
