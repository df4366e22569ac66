import { readdirSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { z } from "zod";
import { PROTOCOL_PATH } from "@/runner/protocol";
import { ROUTES as MLFLOW_EXACT_ROUTES } from "@/server/http/mlflow/routes";
import { METHOD_ROUTES, PATTERN_ROUTES } from "@/server/http/mlflow/routes-registry";
import { RUNNER_ROUTES } from "@/server/http/runner/handler";
import { openApiDocument } from "@/server/trpc/openapi";
import { appRouter } from "@/server/trpc/root";

/**
 * Every route of the app, enumerated from where the routes are defined (never hand-listed), for the
 * route crawl and the fuzz suite: tRPC procedures, app/ route files, the REST operations of the
 * OpenAPI document, MLflow routes and runner routes.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type JsonSchema = Record<string, any>;
export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

// ---- tRPC ----

export interface Procedure {
  path: string;
  type: "query" | "mutation" | "subscription";
  /** The procedure's input parsers merged into one JSON Schema (zod's, input side). */
  schema: JsonSchema;
  openapi: { method: HttpMethod; path: string } | null;
}

interface ProcedureDef {
  type: Procedure["type"];
  inputs: z.ZodType[];
  meta?: { openapi?: { method: HttpMethod; path: string } };
}

export function trpcProcedures(): Procedure[] {
  const procedures = (appRouter._def as unknown as { procedures: Record<string, { _def: ProcedureDef }> }).procedures;
  return Object.entries(procedures).map(([p, { _def }]) => ({
    path: p,
    type: _def.type,
    schema: mergedInputSchema(_def.inputs),
    openapi: _def.meta?.openapi ? { method: _def.meta.openapi.method, path: _def.meta.openapi.path } : null,
  }));
}

/** tRPC merges chained `.input()` objects; so does this, on their JSON Schemas. */
export function mergedInputSchema(inputs: z.ZodType[]): JsonSchema {
  const schemas = inputs.map((i) => z.toJSONSchema(i, { io: "input", unrepresentable: "any" }) as JsonSchema);
  if (schemas.length === 1 && schemas[0]!.type !== "object") return schemas[0]!;
  const merged: JsonSchema = { type: "object", properties: {}, required: [], $defs: {} };
  for (const s of schemas) {
    Object.assign(merged.properties, s.properties);
    merged.required.push(...(s.required ?? []));
    Object.assign(merged.$defs, s.$defs, s.definitions);
  }
  return merged;
}

// ---- app/ route files (Next's file-system routes) ----

export type Segment = { kind: "static"; value: string } | { kind: "dynamic" | "catchall" | "optional"; name: string };
export interface RouteFile {
  /** Relative to the repository root: app/api/health/route.ts */
  file: string;
  /** The URL pattern as Next spells it: /api/runs/[org]/[project]/[runId]/artifacts/[...path] */
  pattern: string;
  segments: Segment[];
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return walk(full);
    return /^route\.(ts|tsx|js|mjs)$/.test(e.name) ? [full] : [];
  });
}

function segmentOf(name: string): Segment {
  let m = /^\[\[\.\.\.(\w+)\]\]$/.exec(name);
  if (m) return { kind: "optional", name: m[1]! };
  m = /^\[\.\.\.(\w+)\]$/.exec(name);
  if (m) return { kind: "catchall", name: m[1]! };
  m = /^\[(\w+)\]$/.exec(name);
  if (m) return { kind: "dynamic", name: m[1]! };
  return { kind: "static", value: name };
}

/** Every route.ts under app/, with its URL pattern (route groups `(x)` and parallel/private folders dropped). */
export function appRouteFiles(root = process.cwd()): RouteFile[] {
  return walk(path.join(root, "app"))
    .map((full) => {
      const file = path.relative(root, full).split(path.sep).join("/");
      const dirs = file.split("/").slice(1, -1).filter((d) => !/^\(.*\)$/.test(d) && !d.startsWith("@") && !d.startsWith("_"));
      const segments = dirs.map(segmentOf);
      return { file, segments, pattern: `/${dirs.join("/")}` };
    })
    .sort((a, b) => a.file.localeCompare(b.file));
}

const RANK = { static: 0, dynamic: 1, catchall: 2, optional: 3 } as const;

/** The route file Next would serve `pathname` with (static before dynamic before catch-all, segment by segment), and its params. */
export function matchRouteFile(files: RouteFile[], pathname: string): { route: RouteFile; params: Record<string, string | string[]> } | null {
  const parts = pathname.split("/").filter(Boolean).map(safeDecode);
  const candidates: { route: RouteFile; params: Record<string, string | string[]>; rank: number[] }[] = [];
  for (const route of files) {
    const params: Record<string, string | string[]> = {};
    const rank: number[] = [];
    let i = 0;
    let ok = true;
    for (const seg of route.segments) {
      rank.push(RANK[seg.kind]);
      if (seg.kind === "static") ok = parts[i++] === seg.value;
      else if (seg.kind === "dynamic") ok = parts[i] !== undefined && ((params[seg.name] = parts[i++]!), true);
      else {
        const rest = parts.slice(i);
        ok = seg.kind === "optional" || rest.length > 0;
        if (rest.length) params[seg.name] = rest;
        i = parts.length;
      }
      if (!ok) break;
    }
    if (ok && i === parts.length) candidates.push({ route, params, rank });
  }
  candidates.sort((a, b) => compareRanks(a.rank, b.rank));
  return candidates[0] ?? null;
}

function compareRanks(a: number[], b: number[]) {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? -1) - (b[i] ?? -1);
    if (d) return d;
  }
  return 0;
}

function safeDecode(s: string) {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

// ---- REST /api/v1 (the OpenAPI document) ----

export interface RestOperation {
  method: HttpMethod;
  /** The OpenAPI path under /api/v1: /orgs/{org}/projects/{key} */
  path: string;
  /** The tRPC procedure behind it; null for the hand-written streaming routes (dataset upload). */
  procedure: Procedure | null;
}

export function restOperations(procedures = trpcProcedures()): RestOperation[] {
  const doc = openApiDocument("http://localhost/api/v1");
  return Object.entries(doc.paths ?? {}).flatMap(([p, ops]) =>
    Object.keys(ops ?? {})
      .filter((m) => (HTTP_METHODS as readonly string[]).includes(m.toUpperCase()))
      .map((m) => {
        const method = m.toUpperCase() as HttpMethod;
        const procedure = procedures.find((x) => x.openapi?.method === method && x.openapi.path === p) ?? null;
        return { method, path: p, procedure };
      }),
  );
}

// ---- MLflow /mlflow/<org>/<project>/api/2.0/mlflow/… ----

export interface MlflowRoute {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  /** A path after /api/2.0/mlflow/ that reaches this route (ids sampled for pattern routes). */
  path: string;
  schema: z.ZodType;
}

export function mlflowRoutes(): MlflowRoute[] {
  const exact = Object.entries(MLFLOW_EXACT_ROUTES).flatMap(([p, r]) => r.methods.map((method) => ({ method, path: p, schema: r.schema })));
  const byMethod = Object.entries(METHOD_ROUTES).map(([k, r]) => {
    const [method, p] = k.split(" ") as [MlflowRoute["method"], string];
    return { method, path: p, schema: r!.schema };
  });
  const patterns = PATTERN_ROUTES.map((p, i) => ({ method: p.method, path: fc.sample(fc.stringMatching(p.re), { seed: i, numRuns: 1 })[0]!, schema: p.route.schema }));
  return [...exact, ...byMethod, ...patterns];
}

// ---- runner protocol /api/runner/v1/… ----

export const runnerRoutes = (jobId: string) =>
  RUNNER_ROUTES.map((r) => ({ ...r, url: `${PROTOCOL_PATH}${r.path.replace(":id", jobId)}` }));
