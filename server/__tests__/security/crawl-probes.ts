import path from "node:path";
import fc from "fast-check";
import superjson from "superjson";
import { arbitraryFor } from "./arbitraries";
import {
  appRouteFiles,
  HTTP_METHODS,
  matchRouteFile,
  mlflowRoutes,
  restOperations,
  runnerRoutes,
  trpcProcedures,
  type HttpMethod,
  type JsonSchema,
  type RouteFile,
} from "./routes";

/**
 * Routes that answer without credentials on purpose (labels as the crawl prints them; `*` for any
 * method). Every other route must answer 401/403 to a request without credentials and 401 to an
 * unknown token. Add the invitation-acceptance and email-verification routes here when they land.
 */
export const PUBLIC_ROUTES: readonly { route: string; why: string }[] = [
  { route: "GET /api/health", why: "liveness probe for load balancers: status and version, no data" },
  { route: "* /api/auth/[...nextauth]", why: "Auth.js: CSRF token, sign-in callbacks, session, sign-out" },
  { route: "tRPC account.signUp", why: "creating an account" },
  { route: "tRPC account.verifyEmail", why: "following the mailed verification link: the link's secret is the credential" },
  { route: "GET /api/v1/openapi.json", why: "the API's description, no data" },
];

/** Catch-all route files that dispatch to sub-routes; the crawl reaches them through their own enumerations. */
export const SUB_ROUTED: Record<string, string> = {
  "app/api/trpc/[trpc]/route.ts": "the tRPC procedures of appRouter",
  "app/api/v1/[...path]/route.ts": "the REST operations of the OpenAPI document",
  "app/mlflow/[org]/[project]/api/2.0/mlflow/[...path]/route.ts": "the MLflow routes (routes.ts, routes-registry.ts)",
  "app/api/runner/v1/[...path]/route.ts": "the runner routes (RUNNER_ROUTES)",
};

export interface Seeded {
  org: string;
  project: string;
}

export interface Probe {
  label: string;
  method: HttpMethod;
  url: string;
  body?: string | Uint8Array<ArrayBuffer>;
  contentType?: string;
  /** tRPC answers in its own envelope: the error code must be UNAUTHORIZED. */
  trpc?: boolean;
  /** A tRPC subscription: SSE answers 200, then an UNAUTHORIZED error event before any data. */
  subscription?: boolean;
  /** The runner registration: the credential is the body's registration token, not a header. */
  registration?: boolean;
  /** A method a sub-routed file exports but none of its sub-routes serves: it must run nothing and answer no data. */
  unrouted?: boolean;
  /** The route file Next serves the URL with. */
  file?: string;
}

const ID = "6f1c2b1e-8d4a-4c1e-9b7a-2f5d3c4b5a69";
const RUN_ID = "0123456789abcdef0123456789abcdef";

/** A plausible value for a route parameter, by its name; unknown names fail the crawl so a new route gets one. */
export function plausible(name: string, seeded: Seeded): string | string[] {
  const values: Record<string, string | string[]> = {
    org: seeded.org,
    project: seeded.project,
    key: seeded.project,
    cardKey: `${seeded.project}-1`,
    runId: RUN_ID,
    name: "iris",
    version: "1",
    path: ["model", "weights.txt"],
    nextauth: ["session"],
  };
  if (name in values) return values[name]!;
  if (name === "id" || name.endsWith("Id")) return ID;
  throw new Error(`route-crawl: no plausible value for the route parameter "${name}": add one to plausible() in crawl-probes.ts`);
}

export function fill(pattern: string, seeded: Seeded, style: "next" | "openapi") {
  const re = style === "next" ? /\[\[?(?:\.\.\.)?(\w+)\]?\]/g : /\{(\w+)\}/g;
  return pattern.replace(re, (_, name: string) => {
    const v = plausible(name, seeded);
    return (Array.isArray(v) ? v : [v]).map(encodeURIComponent).join("/");
  });
}

const sample = (schema: JsonSchema, seeded: Seeded, seed: number) =>
  fc.sample(arbitraryFor(schema, { org: fc.constant(seeded.org), key: fc.constant(seeded.project) }), { seed, numRuns: 1 })[0];

function queryOf(input: unknown, skip: string[] = []) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(typeof input === "object" && input ? input : {})) {
    if (!skip.includes(k) && v !== undefined) q.append(k, typeof v === "object" ? JSON.stringify(v) : String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : "";
}

function trpcProbes(seeded: Seeded): Probe[] {
  return trpcProcedures().map((p, i) => {
    const input = encodeURIComponent(JSON.stringify(superjson.serialize(sample(p.schema, seeded, i))));
    const label = `tRPC ${p.path}`;
    if (p.type === "mutation") {
      return { label, trpc: true, method: "POST", url: `/api/trpc/${p.path}`, body: JSON.stringify(superjson.serialize(sample(p.schema, seeded, i))), contentType: "application/json" };
    }
    return { label, trpc: true, subscription: p.type === "subscription", method: "GET", url: `/api/trpc/${p.path}?input=${input}` };
  });
}

function restProbes(seeded: Seeded): Probe[] {
  return restOperations().map((op, i) => {
    const url = `/api/v1${fill(op.path, seeded, "openapi")}`;
    const label = `${op.method} /api/v1${op.path}`;
    const write = op.method === "POST" || op.method === "PUT" || op.method === "PATCH";
    if (!op.procedure) return write ? { label, method: op.method, url, body: "a,b\n1,2\n", contentType: "text/csv" } : { label, method: op.method, url };
    const input = sample(op.procedure.schema, seeded, i);
    const inPath = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
    if (op.method === "GET" || op.method === "DELETE") return { label, method: op.method, url: url + queryOf(input, inPath) };
    return { label, method: op.method, url, body: JSON.stringify(input ?? {}), contentType: "application/json" };
  });
}

function mlflowProbes(seeded: Seeded): Probe[] {
  return mlflowRoutes().map((r) => {
    const url = `/mlflow/${seeded.org}/${seeded.project}/api/2.0/mlflow/${r.path}`;
    const label = `${r.method} /mlflow/[org]/[project]/api/2.0/mlflow/${r.path}`;
    return r.method === "GET" ? { label, method: r.method, url } : { label, method: r.method, url, body: "{}", contentType: "application/json" };
  });
}

function runnerProbes(): Probe[] {
  const registration = { registrationToken: "rbr_unknownunknownunknownunknownun", name: "crawler", labels: [], resources: { cpus: 1, memoryBytes: 1 << 30, gpus: [] } };
  return runnerRoutes(ID).map((r) => {
    const label = `${r.method} /api/runner/v1${r.path}`;
    if (r.credential === "registration token in the body") {
      return { label, method: r.method, url: r.url, body: JSON.stringify(registration), contentType: "application/json", registration: true };
    }
    return r.method === "GET" ? { label, method: r.method, url: r.url } : { label, method: r.method, url: r.url, body: "{}", contentType: "application/json" };
  });
}

/** One probe per exported method of every route file that is not sub-routed, its parameters filled by name. */
async function fileProbes(files: RouteFile[], seeded: Seeded, root: string): Promise<Probe[]> {
  const out: Probe[] = [];
  for (const f of files.filter((x) => !SUB_ROUTED[x.file])) {
    const mod = (await import(/* @vite-ignore */ path.join(root, f.file))) as Record<string, unknown>;
    for (const method of HTTP_METHODS.filter((m) => typeof mod[m] === "function")) {
      const url = fill(f.pattern, seeded, "next");
      const write = method === "POST" || method === "PUT" || method === "PATCH";
      out.push({ label: `${method} ${f.pattern}`, method, url, ...(write ? { body: "a,b\n1,2\n", contentType: "text/csv" } : {}) });
    }
  }
  return out;
}

export async function allProbes(seeded: Seeded, root = process.cwd()) {
  const files = appRouteFiles(root);
  const probes = [...(await fileProbes(files, seeded, root)), ...trpcProbes(seeded), ...restProbes(seeded), ...mlflowProbes(seeded), ...runnerProbes()];
  for (const p of probes) p.file = matchRouteFile(files, new URL(p.url, "http://localhost").pathname)?.route.file;
  for (const f of files.filter((x) => SUB_ROUTED[x.file])) {
    const mod = (await import(/* @vite-ignore */ path.join(root, f.file))) as Record<string, unknown>;
    const reaching = probes.filter((p) => p.file === f.file);
    for (const method of HTTP_METHODS.filter((m) => typeof mod[m] === "function" && !reaching.some((p) => p.method === m))) {
      if (reaching[0]) probes.push({ label: `${method} ${f.pattern}`, method, url: reaching[0].url, unrouted: true, file: f.file });
    }
  }
  return { files, probes };
}

export function isPublic(label: string) {
  return PUBLIC_ROUTES.some(({ route }) => route === label || (route.startsWith("* ") && label.replace(/^\S+ /, "* ") === route));
}

/** Whether a probe's answer refuses it: 401/403 (the registration: 401), or for an unrouted method a bodiless 204/404/405. */
export async function refusal(probe: Probe, res: Response, invalidToken: boolean): Promise<string | null> {
  const text = await res.text();
  if (probe.subscription && res.status === 200) {
    const events = [...text.matchAll(/^event: (\S+)$/gm)].map((m) => m[1]);
    if (events.join(",") === "connected,serialized-error" && text.includes('"code":"UNAUTHORIZED"')) return null;
  }
  if (probe.unrouted) {
    if ([401, 403, 404, 405].includes(res.status) || (res.status === 204 && !text)) return null;
  } else if ((invalidToken || probe.registration ? [401] : [401, 403]).includes(res.status)) {
    if (!probe.trpc || text.includes('"code":"UNAUTHORIZED"')) return null;
    return `${probe.label} answered ${res.status} without the tRPC code UNAUTHORIZED: ${text.slice(0, 200)}`;
  }
  return `${probe.label} (${probe.file ?? "no route file"}) answered ${res.status}: ${text.slice(0, 200)}`;
}

/** Calls the route file Next would serve the probe's URL with, as Next does: `handler(request, { params })`. */
export async function callRoute(files: RouteFile[], probe: Probe, headers: Record<string, string>, root = process.cwd()) {
  const url = new URL(probe.url, "http://localhost");
  const match = matchRouteFile(files, url.pathname);
  if (!match) return { file: null, res: new Response(null, { status: 404 }) };
  const mod = (await import(/* @vite-ignore */ path.join(root, match.route.file))) as Record<string, unknown>;
  const handler = mod[probe.method] as ((req: Request, ctx: { params: Promise<unknown> }) => Promise<Response>) | undefined;
  if (!handler) return { file: match.route.file, res: new Response(null, { status: 405 }) };
  const h: Record<string, string> = { ...headers };
  if (probe.contentType) h["content-type"] = probe.contentType;
  const req = new Request(url, { method: probe.method, headers: h, body: probe.body });
  return { file: match.route.file, res: await handler(req, { params: Promise.resolve(match.params) }) };
}
