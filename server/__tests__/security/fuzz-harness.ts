import fc from "fast-check";
import pino from "pino";
import { TRPCError } from "@trpc/server";
import type { Db } from "@/server/services/domain";
import { addTestMember, createTestOrg, createTestProject, createTestUser, orgCtx } from "@/db/testing";
import { mlflowClient } from "@/server/http/mlflow/testing";
import { logger } from "@/server/logger";
import { createApiToken } from "@/server/services/tokens/create-api-token";
import type { ArtifactStore } from "@/server/storage/artifact-store";
import { callerFor } from "@/server/trpc/testing";
import { Deep, materialize, toJson, type Hints } from "./arbitraries";

/**
 * The budget. Unset (npm test): every tRPC procedure gets one valid input and every mutation once;
 * the HTTP routes, mostly the same procedures behind another adapter, get a rotating share of the
 * mutations and raw bodies. FUZZ_RUNS=N (the long run): N valid inputs and 2N mutated ones for
 * every route, all raw bodies. FUZZ_SEED replays a run.
 */
export const LONG = process.env.FUZZ_RUNS !== undefined;
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 1);
export function share<T>(list: readonly T[], k: number, offset: number): T[] {
  if (LONG || !list.length) return [...list];
  return Array.from({ length: Math.min(k, list.length) }, (_, j) => list[(offset + j) % list.length]!);
}
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20261208);
export const CALL_TIMEOUT_MS = 30_000;
/** FUZZ_ONLY=<regex>: fuzz only the targets whose name matches (the names the report prints). */
const only = process.env.FUZZ_ONLY ? new RegExp(process.env.FUZZ_ONLY) : null;
export const selected = (target: string) => !only || only.test(target);

/** An organization whose admin fuzzes, with a card, a sprint, an experiment, a run and a registered model to aim at. */
export async function seedWorkspace(db: Db, store: ArtifactStore) {
  const admin = await createTestUser(db, { name: "Fuzz admin" });
  const org = await createTestOrg(db);
  await addTestMember(db, org.id, admin.id, ["admin"]);
  const project = await createTestProject(db, org.id);
  const token = (await createApiToken({ ctx: await orgCtx(db, org.id, admin.id), input: { name: "fuzz" } })).token;
  const trpc = callerFor(db, admin);
  const card = await trpc.cards.create({ org: org.slug, key: project.key, title: "Fuzz target" });
  const sprint = await trpc.sprints.create({ org: org.slug, key: project.key, name: "Fuzz sprint" });
  await trpc.datasets.create({ org: org.slug, key: project.key, name: "iris", licence: "CC0", containsPersonalData: false });
  const mlflow = mlflowClient(db, org.slug, project.key, { token }, store);
  const experimentId = String((await mlflow("POST", "experiments/create", { name: "fuzz" })).body.experiment_id);
  const runId = String((await mlflow("POST", "runs/create", { experiment_id: experimentId })).body.run.info.run_id);
  await mlflow("POST", "registered-models/create", { name: "fuzz-model" });
  return { admin, org: org.slug, key: project.key, token, cardKey: card.key, sprintId: sprint.id, experimentId, runId };
}
export type Workspace = Awaited<ReturnType<typeof seedWorkspace>>;

/** Property names whose values should mostly be the seeded rows', so calls get past "not found". */
export function hintsFor(ws: Workspace): Hints {
  const run = fc.constant(ws.runId);
  const exp = fc.constant(ws.experimentId);
  return {
    org: fc.constant(ws.org),
    key: fc.constant(ws.key),
    cardKey: fc.constant(ws.cardKey),
    card: fc.constant(ws.cardKey),
    sprintId: fc.constant(ws.sprintId),
    runId: run,
    run_id: run,
    run_uuid: run,
    experimentId: exp,
    experiment_id: exp,
    experiment_ids: fc.constant([ws.experimentId]),
    name: fc.constantFrom("fuzz-model", "iris", "fuzz"),
    version: fc.constantFrom("1", 1),
  };
}

// ---- what went wrong, once per distinct failure ----

export interface Failure {
  target: string;
  cls: string;
  status: number | string;
  message: string;
  input: string;
}

export class FailureLog {
  readonly all: Failure[] = [];
  private seen = new Set<string>();
  record(f: Failure) {
    const key = `${f.target}|${f.cls}|${f.status}|${f.message.replace(/[0-9a-f-]{8,}/g, "…").slice(0, 120)}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.all.push(f);
  }
  for(prefix: string) {
    return this.all.filter((f) => f.target.startsWith(prefix));
  }
  /** One line per failure, with the seed to replay it. */
  report(title: string, list: Failure[]) {
    if (!list.length) return;
    const lines = list.map((f) => `  ${f.target} [${f.cls}] → ${f.status}: ${f.message}\n      input: ${f.input}`);
    console.log(`${title}: ${list.length} distinct failure(s); replay with FUZZ_SEED=${FUZZ_SEED} FUZZ_RUNS=${FUZZ_RUNS}\n${lines.join("\n")}`);
  }
}

export function describeInput(v: unknown): string {
  try {
    const s =
      typeof v === "string"
        ? v
        : JSON.stringify(v, (_k, x: unknown) => (x instanceof Deep ? `<${x.kind} nested ${x.levels} deep>` : typeof x === "number" && !Number.isFinite(x) ? String(x) : x));
    return s === undefined ? "undefined" : s.length > 200 ? `${s.slice(0, 200)}… (${s.length} chars)` : s;
  } catch (err) {
    return `(not serialisable: ${(err as Error).message})`;
  }
}

// ---- the server's own error logs, to name the cause of a 500 ----

export function captureErrorLogs() {
  const lines: string[] = [];
  (logger as unknown as Record<symbol, unknown>)[pino.symbols.streamSym] = { write: (s: string) => lines.push(s) };
  logger.level = "error";
  return {
    /** The newest logged error's message since the last call, if any. */
    take(): string | null {
      const last = lines.at(-1);
      lines.length = 0;
      if (!last) return null;
      try {
        const j = JSON.parse(last) as { msg?: string; err?: { message?: string; cause?: { message?: string } } };
        const message = (j.err?.message ?? "").split("\n")[0]!.slice(0, 120);
        return `${message}${j.err?.cause?.message ? ` ← ${j.err.cause.message}` : ""} (${j.msg ?? ""})`;
      } catch {
        return last.slice(0, 200);
      }
    },
  };
}

export async function withTimeout<T>(p: Promise<T>, ms = CALL_TIMEOUT_MS): Promise<T | "timeout"> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), ms)));
  try {
    return await Promise.race([p, t]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Calls a tRPC procedure by its dotted path as the seeded admin. A subscription's resolver runs
 * (input, scope); its stream is read briefly only on PGlite, where server/events.ts can listen to
 * the test database (on PostgreSQL it listens through DATABASE_URL, which tests do not set).
 */
export async function callProcedure(
  db: Db,
  ws: Workspace,
  path: string,
  input: unknown,
  readStreams = true,
): Promise<{ ok: true } | { ok: false; code: string; message: string }> {
  const abort = new AbortController();
  const caller = callerFor(db, ws.admin) as unknown as Record<string, unknown>;
  const fn = path.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], caller) as (i: unknown, o?: { signal?: AbortSignal }) => Promise<unknown>;
  try {
    const out = await fn(materialize(input), { signal: abort.signal });
    if (readStreams && out && typeof out === "object" && Symbol.asyncIterator in out) {
      const it = (out as AsyncIterable<unknown>)[Symbol.asyncIterator]();
      await Promise.race([it.next(), new Promise((r) => setTimeout(r, 10))]);
      abort.abort();
      void it.return?.().catch(() => undefined);
    }
    return { ok: true };
  } catch (err) {
    if (err instanceof TRPCError) {
      const inner = err.cause instanceof Error && err.cause.cause instanceof Error ? ` ← ${err.cause.cause.message}` : "";
      const cause = err.cause instanceof Error && err.cause !== err ? `: ${err.cause.message.split("\n")[0]!.slice(0, 120)}${inner}` : "";
      return { ok: false, code: err.code, message: `${err.message.split("\n")[0]!.slice(0, 120)}${cause}`.slice(0, 300) };
    }
    return { ok: false, code: "THREW", message: String(err).slice(0, 300) };
  }
}

/** Percent-encodes like encodeURIComponent, but a lone surrogate becomes its (invalid) UTF-8 bytes instead of a URIError. */
export function encodeSegment(v: unknown): string {
  const s = typeof v === "object" && v !== null ? toJson(v) : String(v);
  try {
    return encodeURIComponent(s);
  } catch {
    return [...s].map((ch) => (/[\ud800-\udfff]/.test(ch) ? "%ED%A0%80" : encodeURIComponent(ch))).join("");
  }
}

export function queryString(input: unknown, skip: string[] = []): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(typeof input === "object" && input !== null ? input : {})) {
    if (skip.includes(k) || v === undefined) continue;
    for (const item of Array.isArray(v) ? v : [v]) parts.push(`${encodeSegment(k)}=${encodeSegment(item)}`);
  }
  return parts.length ? `?${parts.join("&")}` : "";
}

/** Bodies no JSON encoder would send: the HTTP adapters must refuse them with a 4xx. */
export const RAW_BODIES = ["{", '{"a":', "[".repeat(5000) + "]".repeat(5000), '{"x":NaN}', "\u0000", "null", "[]", '"str"', "1e400", '{"__proto__":{"polluted":1}}'];
