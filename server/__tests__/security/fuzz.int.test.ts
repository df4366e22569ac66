import fc from "fast-check";
import { z } from "zod";
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from "vitest";
import { withTestDb } from "@/db/with-test-db";
import { tempArtifactStore } from "@/server/http/mlflow/testing";
import { casesFor, Deep, HUGE, toJson, type Case } from "./arbitraries";
import { callRoute, type Probe } from "./crawl-probes";
import {
  CALL_TIMEOUT_MS,
  callProcedure,
  captureErrorLogs,
  describeInput,
  encodeSegment,
  FailureLog,
  FUZZ_RUNS,
  FUZZ_SEED,
  hintsFor,
  queryString,
  LONG,
  RAW_BODIES,
  seedWorkspace,
  selected,
  share,
  withTimeout,
  type Workspace,
} from "./fuzz-harness";
import { appRouteFiles, mlflowRoutes, restOperations, trpcProcedures, type RouteFile } from "./routes";

/**
 * Fuzzing: every tRPC procedure, REST operation and MLflow route, as the admin of a seeded
 * organization, with inputs generated from the routes' own zod schemas and mutated (NUL, lone
 * surrogates, 1 MB strings, 5,000-deep nesting, __proto__ keys, wrong types, odd numbers, extra
 * and missing keys, raw bodies). No answer may be a 5xx (tRPC: INTERNAL_SERVER_ERROR), no promise
 * may be left rejected, and the server must still answer afterwards. `FUZZ_RUNS` sets the budget
 * (default 2 valid + 10 mutated inputs per route); `FUZZ_SEED` replays a run.
 */

vi.mock("@/server/auth", () => ({ auth: async () => null, handlers: {} }));

const database = withTestDb();
const g = globalThis as unknown as { __runboardDb?: Promise<unknown>; __runboardArtifacts?: unknown };
const failures = new FailureLog();
const rejections: unknown[] = [];
const onRejection = (reason: unknown) => rejections.push(reason);
const budget = { timeout: LONG ? Math.max(300_000, FUZZ_RUNS * 120_000) : 120_000 };
let ws: Workspace;
let files: RouteFile[];
let logs: ReturnType<typeof captureErrorLogs>;

beforeAll(async () => {
  process.on("unhandledRejection", onRejection);
  const store = tempArtifactStore();
  g.__runboardDb = Promise.resolve({ db: database.db, kind: database.kind, close: async () => undefined });
  g.__runboardArtifacts = store;
  ws = await seedWorkspace(database.db, store);
  files = appRouteFiles();
  logs = captureErrorLogs();
  console.log(`fuzz: FUZZ_SEED=${FUZZ_SEED} FUZZ_RUNS=${FUZZ_RUNS}`);
});
afterAll(() => {
  process.off("unhandledRejection", onRejection);
  const slowest = [...slow.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8);
  console.log(`fuzz: slowest HTTP targets (ms): ${slowest.map(([k, ms]) => `${k} ${ms}`).join("; ")}`);
});

/** Sends one HTTP request through the route file Next would pick, with the admin's API token; records a 5xx or a hang. */
const slow = new Map<string, number>();
async function send(target: string, cls: string, probe: Omit<Probe, "label">, input: unknown) {
  logs.take();
  const started = Date.now();
  try {
    await sendTimed(target, cls, probe, input);
  } finally {
    slow.set(`${target} [${cls}]`, (slow.get(`${target} [${cls}]`) ?? 0) + Date.now() - started);
  }
}
async function sendTimed(target: string, cls: string, probe: Omit<Probe, "label">, input: unknown) {
  const result = await withTimeout(callRoute(files, { label: target, ...probe }, { authorization: `Bearer ${ws.token}` }));
  if (result === "timeout") return failures.record({ target, cls, status: "timeout", message: `no answer in ${CALL_TIMEOUT_MS / 1000} s`, input: describeInput(input) });
  const { res } = result;
  const text = await res.text().catch((err: Error) => `(body failed: ${err.message})`);
  if (res.status >= 500) failures.record({ target, cls, status: res.status, message: logs.take() ?? text.slice(0, 200), input: describeInput(input) });
}

const timed = async (name: string, body: () => Promise<number>) => {
  const started = Date.now();
  const calls = await body();
  console.log(`fuzz ${name}: ${calls} calls in ${((Date.now() - started) / 1000).toFixed(1)} s`);
};

describe("fuzzing: 0 responses ≥ 500 and 0 unhandled rejections", () => {
  it("tRPC procedures (no INTERNAL_SERVER_ERROR)", budget, async () => {
    await timed("tRPC", async () => {
      let calls = 0;
      for (const [i, p] of trpcProcedures().entries()) {
        if (!selected(`tRPC ${p.path}`)) continue;
        for (const c of casesFor(p.schema, hintsFor(ws), FUZZ_RUNS, FUZZ_SEED + i * 101)) {
          calls++;
          const r = await withTimeout(callProcedure(database.db, ws, p.path, c.input, database.kind === "pglite"));
          const target = `tRPC ${p.path}`;
          if (r === "timeout") failures.record({ target, cls: c.cls, status: "timeout", message: `no answer in ${CALL_TIMEOUT_MS / 1000} s`, input: describeInput(c.input) });
          else if (!r.ok && (r.code === "INTERNAL_SERVER_ERROR" || r.code === "THREW")) {
            failures.record({ target, cls: c.cls, status: r.code, message: r.message, input: describeInput(c.input) });
          }
        }
      }
      return calls;
    });
    failures.report("tRPC", failures.for("tRPC "));
    expect(failures.for("tRPC ")).toEqual([]);
  });

  it("REST /api/v1 operations, dataset upload and download included", budget, async () => {
    // Outside production trpc-to-openapi re-validates the whole router on every request (most of a
    // call's time here); serve REST as production does.
    const env = process.env as Record<string, string | undefined>;
    const nodeEnv = env.NODE_ENV;
    env.NODE_ENV = "production";
    onTestFinished(() => {
      env.NODE_ENV = nodeEnv;
    });
    await timed("REST", async () => {
      let calls = 0;
      for (const [i, op] of restOperations().entries()) {
        const target = `REST ${op.method} ${op.path}`;
        if (!selected(target)) continue;
        const inPath = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
        const write = op.method === "POST" || op.method === "PUT" || op.method === "PATCH";
        const schema = op.procedure?.schema ?? { type: "object", properties: Object.fromEntries(inPath.map((k) => [k, { type: "string" }])), required: inPath };
        const [valid, ...mutated] = casesFor(schema, hintsFor(ws), FUZZ_RUNS, FUZZ_SEED + 7919 + i * 101);
        for (const c of op.procedure ? [valid!, ...share(mutated, 3, i * 3)] : [valid!, ...mutated]) {
          const record = (c.input && typeof c.input === "object" ? c.input : {}) as Record<string, unknown>;
          const url = `/api/v1${op.path.replace(/\{(\w+)\}/g, (_, k: string) => encodeSegment(record[k] ?? k))}`;
          calls++;
          if (!op.procedure) await send(target, c.cls, uploadOrDownload(op.method, url, c), c.input);
          else if (write) await send(target, c.cls, { method: op.method, url, body: toJson(c.input), contentType: "application/json" }, c.input);
          else await send(target, c.cls, { method: op.method, url: url + queryString(c.input, inPath) }, c.input);
        }
        if (write && op.procedure) {
          const url = `/api/v1${op.path.replace(/\{(\w+)\}/g, (_, k: string) => encodeSegment(hintsFor(ws)[k] ? fc.sample(hintsFor(ws)[k]!, 1)[0] : "x"))}`;
          for (const body of share(RAW_BODIES, 2, i * 2)) {
            calls++;
            await send(target, "raw-body", { method: op.method, url, body, contentType: "application/json" }, body);
          }
        }
      }
      return calls;
    });
    failures.report("REST", failures.for("REST "));
    expect(failures.for("REST ")).toEqual([]);
  });

  it("MLflow routes and the artifact proxy", budget, async () => {
    await timed("MLflow", async () => {
      let calls = 0;
      const base = `/mlflow/${ws.org}/${ws.key}/api/2.0`;
      for (const [i, r] of mlflowRoutes().entries()) {
        const target = `MLflow ${r.method} ${r.path}`;
        if (!selected(target)) continue;
        const schema = z.toJSONSchema(r.schema, { io: "input", unrepresentable: "any" });
        const [valid, ...mutated] = casesFor(schema, hintsFor(ws), FUZZ_RUNS, FUZZ_SEED + 15485 + i * 101);
        for (const c of [valid!, ...share(mutated, 4, i * 4)]) {
          calls++;
          const url = `${base}/mlflow/${r.path}`;
          if (r.method === "GET") await send(target, c.cls, { method: "GET", url: url + queryString(c.input) }, c.input);
          else await send(target, c.cls, { method: r.method, url, body: toJson(c.input), contentType: "application/json" }, c.input);
        }
        if (r.method === "POST") {
          for (const body of share(RAW_BODIES, 2, i * 2)) {
            calls++;
            await send(target, "raw-body", { method: "POST", url: `${base}/mlflow/${r.path}`, body, contentType: "application/json" }, body);
          }
        }
      }
      const names = fc.sample(fc.oneof(fc.string({ unit: "binary", maxLength: 40 }), fc.constantFrom("a/b.txt", "a", "a/b.txt/c", ".hidden", "x\u0000y", "\ud800", HUGE.slice(0, 5000))), { seed: FUZZ_SEED, numRuns: LONG ? 10 * FUZZ_RUNS : 8 });
      for (const name of names) {
        const url = `${base}/mlflow-artifacts/artifacts/${ws.experimentId}/${ws.runId}/artifacts/${name.split("/").map(encodeSegment).join("/")}`;
        calls += 3;
        await send("MLflow PUT mlflow-artifacts/artifacts/<path>", "artifact-path", { method: "PUT", url, body: "bytes" }, name);
        await send("MLflow GET mlflow-artifacts/artifacts/<path>", "artifact-path", { method: "GET", url }, name);
        await send("MLflow GET mlflow-artifacts/artifacts?path=", "artifact-path", { method: "GET", url: `${base}/mlflow-artifacts/artifacts${queryString({ path: name })}` }, name);
      }
      return calls;
    });
    failures.report("MLflow", failures.for("MLflow "));
    expect(failures.for("MLflow ")).toEqual([]);
  });

  it("tRPC over HTTP: malformed envelopes, deep nesting and big batches", budget, async () => {
    const target = "tRPC-HTTP";
    const deep = toJson({ json: { org: ws.org, key: ws.key, title: new Deep(5000, "object") } });
    const batch = Array.from({ length: 200 }, () => "me.get").join(",");
    const bodies = [...RAW_BODIES, deep, '{"json":{},"meta":{"values":{"org":["map"]}}}', '{"json":{"org":"x"},"meta":{"values":{"org":[["custom","nope"]]}}}'];
    for (const body of bodies) await send(`${target} POST cards.create`, "raw-body", { method: "POST", url: "/api/trpc/cards.create", body, contentType: "application/json" }, body);
    for (const input of bodies) await send(`${target} GET me.get`, "raw-input", { method: "GET", url: `/api/trpc/me.get?input=${encodeSegment(input)}` }, input);
    for (const p of trpcProcedures().filter((x) => x.type === "subscription")) {
      for (const key of ["NOPE", "a\u0000b", 5]) await subscribeOnce(`${target} subscription ${p.path}`, { org: ws.org, key });
    }
    await send(`${target} GET batch`, "batch-200", { method: "GET", url: `/api/trpc/${batch}?batch=1&input=${encodeSegment("{}")}` }, batch.slice(0, 40));
    failures.report("tRPC over HTTP", failures.for(target));
    expect(failures.for(target)).toEqual([]);
  });

  it("leaves no unhandled rejection, no polluted prototype, and a server that still answers", async () => {
    expect(rejections.map(String)).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const health = await callRoute(files, { label: "health", method: "GET", url: "/api/health" }, {});
    expect(health.res.status).toBe(200);
    const me = await callRoute(files, { label: "me", method: "GET", url: "/api/v1/me" }, { authorization: `Bearer ${ws.token}` });
    expect(me.res.status).toBe(200);
  });
});

/** Opens a subscription that must fail (an unknown project): over SSE the error arrives as an event, which must not be INTERNAL_SERVER_ERROR. */
async function subscribeOnce(target: string, input: unknown) {
  const url = `/api/trpc/${target.split(" ").at(-1)}?input=${encodeSegment(toJson({ json: input }))}`;
  const result = await withTimeout(callRoute(files, { label: target, method: "GET", url }, { authorization: `Bearer ${ws.token}` }));
  if (result === "timeout") return failures.record({ target, cls: "not-found", status: "timeout", message: `no answer in ${CALL_TIMEOUT_MS / 1000} s`, input: describeInput(input) });
  const text = await withTimeout(result.res.text(), 2_000);
  if (text === "timeout") return failures.record({ target, cls: "not-found", status: "timeout", message: "the stream sent no error for an unknown project", input: describeInput(input) });
  if (result.res.status >= 500 || text.includes('"code":"INTERNAL_SERVER_ERROR"')) {
    failures.record({ target, cls: "not-found", status: result.res.status >= 500 ? result.res.status : "SSE INTERNAL_SERVER_ERROR", message: text.slice(0, 200).replace(/\n/g, " "), input: describeInput(input) });
  }
}

/** The streaming dataset routes: bodies of every kind for the upload, names for the download. */
function uploadOrDownload(method: string, url: string, c: Case): Omit<Probe, "label"> {
  if (method !== "POST") return { method: "GET", url };
  const bodies: Record<string, string | Uint8Array<ArrayBuffer>> = {
    valid: "a,b\n1,2\n",
    "nul-char": "a,b\n1,\u0000\n",
    "lone-surrogate": new Uint8Array([0x61, 0x2c, 0x62, 0x0a, 0xff, 0xfe, 0x2c, 0x31, 0x0a]),
    "huge-string": `a\n${"x".repeat(1024 * 1024)}\n`,
    "deep-nesting": `${"[".repeat(5000)}${"]".repeat(5000)}\n`,
    "wrong-type": "{not json\n",
  };
  const body = bodies[c.cls] ?? bodies.valid!;
  const jsonl = c.cls === "deep-nesting" || c.cls === "wrong-type";
  return { method: "POST", url, body, contentType: jsonl ? "application/x-ndjson" : "text/csv" };
}
