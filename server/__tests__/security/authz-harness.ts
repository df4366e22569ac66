import { TRPCError } from "@trpc/server";
import type { Database } from "@/db/client";
import type { Role } from "@/db/schema";
import { can, type Action } from "@/server/auth/permissions";
import { mlflowClient } from "@/server/http/mlflow/testing";
import { appRouter } from "@/server/trpc/root";
import { callerFor, restClientOf } from "@/server/trpc/testing";
import type { ArtifactStore } from "@/server/storage/artifact-store";
import type { OrgSeed, Res, User } from "./authz-seed";

/**
 * The authorization matrix's machinery: who acts (actors), how (transports), on what (targets), and
 * how an answer is classified against `can(roles, action)` from server/auth/permissions.ts.
 */

export type Op = "create" | "read" | "update" | "delete";
export type Transport = "session" | "token";

/** What one request names: the organization and project of its URL or input, and whose resources it points at. */
export interface Target {
  slug: string;
  key: string;
  res: Res;
  /** The organization the resources belong to. */
  owner: OrgSeed;
}

export interface Actor {
  label: string;
  user: User;
  roles: Role[];
  /** The organization the actor belongs to (null: a signed-in account of no organization). */
  home: OrgSeed | null;
  token: string | null;
}

/** A request: a tRPC procedure (also served as REST when it has an OpenAPI path), an MLflow call, or a custom HTTP handler. */
export type Call =
  | { kind: "trpc"; path: string; input: Record<string, unknown> }
  | { kind: "mlflow"; method: string; path: string; body?: Record<string, unknown> }
  | { kind: "http"; label: string; tokenOnly?: boolean; send: (auth: { user: User } | { token: string }) => Promise<{ status: number; text: string }> };

export interface Row {
  resource: string;
  op: Op;
  /** The permission the row's verb is governed by. */
  action: Action;
  /** The procedure or route, for the report. */
  name: string;
  call: (t: Target, me: Actor) => Call;
  /**
   * Puts the row's target in place in `seed` (a fresh column to delete, a planned sprint to start…):
   * run before the row's first cell and after every success, which may have used it up.
   */
  fresh?: (seed: OrgSeed, me: Actor) => Promise<void>;
  /**
   * Further answers that count as a refusal of another organization's object named in the body (a
   * reference, not the addressed resource): the verb refuses it as invalid input, exactly as it
   * refuses a made-up id, so the answer says nothing about what exists elsewhere.
   */
  refusals?: Code[];
  /** The verb acts on another member's resource (their API token): refused as not found even when the role allows. */
  othersOnly?: boolean;
}

export type Code = "OK" | "FORBIDDEN" | "NOT_FOUND" | string;
export interface Outcome {
  code: Code;
  text: string;
}

const REST_STATUS: Record<number, Code> = { 403: "FORBIDDEN", 404: "NOT_FOUND" };

/** The OpenAPI path of a tRPC procedure, or undefined when it is served over tRPC only. */
export function restRoute(path: string): { method: string; path: string } | undefined {
  const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { meta?: { openapi?: { method: string; path: string } } } }>;
  return procedures[path]?._def.meta?.openapi;
}

export function transportsFor(row: Row, call: Call, actor: Actor): Transport[] {
  const out: Transport[] = [];
  if (call.kind === "trpc" || (call.kind === "http" && !call.tokenOnly)) out.push("session");
  if (actor.token && (call.kind !== "trpc" || restRoute(call.path))) out.push("token");
  return out;
}

export function makeRunner(database: Database, store: ArtifactStore) {
  const rest = restClientOf(database);
  const callers = new Map<string, ReturnType<typeof callerFor>>();
  const callerOf = (u: User) => {
    if (!callers.has(u.id)) callers.set(u.id, callerFor(database.db, u));
    return callers.get(u.id)!;
  };

  async function viaTrpc(actor: Actor, path: string, input: Record<string, unknown>): Promise<Outcome> {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    let fn: any = callerOf(actor.user);
    for (const part of path.split(".")) fn = fn?.[part];
    if (typeof fn !== "function") throw new Error(`no tRPC procedure ${path}: update its matrix row`);
    try {
      const out = await fn(input);
      return { code: "OK", text: JSON.stringify(out ?? null) };
    } catch (err) {
      if (err instanceof TRPCError) return { code: err.code, text: err.message };
      throw err;
    }
  }

  async function viaRest(token: string, path: string, input: Record<string, unknown>): Promise<Outcome> {
    const route = restRoute(path)!;
    const rest_ = { ...input };
    const url = route.path.replace(/\{(\w+)\}/g, (_, k: string) => {
      const v = rest_[k];
      delete rest_[k];
      return encodeURIComponent(String(v));
    });
    const hasBody = route.method !== "GET" && route.method !== "DELETE";
    const query = new URLSearchParams(Object.entries(rest_).map(([k, v]) => [k, String(v)])).toString();
    const res = await rest(route.method, hasBody || !query ? url : `${url}?${query}`, { token, body: hasBody ? rest_ : undefined });
    return fromStatus(res.status, JSON.stringify(res.body ?? null));
  }

  return async function run(call: Call, actor: Actor, transport: Transport, t: Target): Promise<Outcome> {
    if (call.kind === "trpc") {
      const input = { org: t.slug, ...call.input };
      return transport === "session" ? viaTrpc(actor, call.path, input) : viaRest(actor.token!, call.path, input);
    }
    if (call.kind === "mlflow") {
      const res = await mlflowClient(database.db, t.slug, t.key, { token: actor.token! }, store)(call.method, call.path, call.body);
      return fromStatus(res.status, JSON.stringify(res.body ?? null));
    }
    const res = await call.send(transport === "token" ? { token: actor.token! } : { user: actor.user });
    return fromStatus(res.status, res.text);
  };
}

function fromStatus(status: number, text: string): Outcome {
  if (status >= 200 && status < 300) return { code: "OK", text };
  return { code: REST_STATUS[status] ?? `HTTP ${status}`, text };
}

/** What the answer must be: the role rule inside the actor's own organization, a refusal anywhere else. */
export function expected(row: Row, actor: Actor, t: Target): "OK" | "FORBIDDEN" | "DENIED" {
  const inHome = actor.home !== null && t.owner === actor.home && t.slug === actor.home.org.slug;
  if (!inHome) return "DENIED";
  if (!can(actor.roles, row.action)) return "FORBIDDEN";
  return row.othersOnly ? "DENIED" : "OK";
}

export function matches(row: Row, exp: ReturnType<typeof expected>, got: Code): boolean {
  if (exp === "DENIED") return got === "NOT_FOUND" || got === "FORBIDDEN" || !!row.refusals?.includes(got);
  return exp === got;
}
