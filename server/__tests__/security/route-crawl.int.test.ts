import { beforeAll, describe, expect, it, vi } from "vitest";
import { createTestOrg, createTestProject } from "@/db/testing";
import { withTestDb } from "@/db/with-test-db";
import { tempArtifactStore } from "@/server/http/mlflow/testing";
import { allProbes, callRoute, isPublic, PUBLIC_ROUTES, refusal, SUB_ROUTED, type Probe, type Seeded } from "./crawl-probes";
import { HTTP_METHODS, type RouteFile } from "./routes";

// A request without a session cookie: Auth.js' auth() reads next/headers, which only exists inside Next.
vi.mock("@/server/auth", () => ({
  auth: async () => null,
  handlers: { GET: async () => new Response(null, { status: 200 }), POST: async () => new Response(null, { status: 200 }) },
}));

const database = withTestDb();
const g = globalThis as unknown as { __runboardDb?: Promise<unknown>; __runboardArtifacts?: unknown };
let seeded: Seeded;
let files: RouteFile[];
let probes: Probe[];

beforeAll(async () => {
  // The route files open the process database and artifact store: point both at this file's.
  g.__runboardDb = Promise.resolve({ db: database.db, kind: database.kind, close: async () => undefined });
  g.__runboardArtifacts = tempArtifactStore();
  const org = await createTestOrg(database.db);
  const project = await createTestProject(database.db, org.id);
  seeded = { org: org.slug, project: project.key };
  ({ files, probes } = await allProbes(seeded));
});

/** What a probe answered, when that is not a refusal of the missing or unknown credential. */
async function leak(probe: Probe, headers: Record<string, string>) {
  const { res } = await callRoute(files, probe, headers);
  return refusal(probe, res, "authorization" in headers);
}

describe("route crawl: every route refuses a caller without credentials", () => {
  it("enumerates every route file, every tRPC procedure, REST operation, MLflow and runner route", () => {
    const labels = new Set(probes.map((p) => p.label));
    expect(labels.size).toBe(probes.length); // one probe per route: a duplicate means two routes collide
    expect(probes.filter((p) => p.label.startsWith("tRPC ")).length).toBeGreaterThan(70);
    expect(probes.filter((p) => p.label.includes(" /api/v1/orgs")).length).toBeGreaterThan(60);
    expect(probes.filter((p) => p.label.includes("/api/2.0/mlflow/")).length).toBeGreaterThan(40);
    expect(probes.filter((p) => p.label.includes("/api/runner/v1/")).length).toBe(6);
    for (const entry of PUBLIC_ROUTES) expect(probes.some((p) => isPublic(p.label) && entry.route.endsWith(p.label.replace(/^\S+ /, ""))), entry.route).toBe(true);
  });

  it("reaches every exported method of every app/**/route.ts through some probe", async () => {
    const reached = new Set(probes.map((p) => `${p.method} ${p.file}`));
    const missing: string[] = [];
    for (const f of files) {
      const mod = (await import(/* @vite-ignore */ `${process.cwd()}/${f.file}`)) as Record<string, unknown>;
      for (const m of HTTP_METHODS) if (typeof mod[m] === "function" && !reached.has(`${m} ${f.file}`)) missing.push(`${m} ${f.file}${SUB_ROUTED[f.file] ? ` (sub-routed: ${SUB_ROUTED[f.file]})` : ""}`);
    }
    expect(missing).toEqual([]);
  });

  it("answers 401 or 403 to every request without credentials (tRPC: UNAUTHORIZED)", async () => {
    const leaks: string[] = [];
    for (const p of probes.filter((x) => !isPublic(x.label))) {
      const found = await leak(p, {});
      if (found) leaks.push(found);
    }
    expect(leaks).toEqual([]);
  });

  it("answers 401 to a well-formed but unknown token everywhere a bearer token is accepted", { timeout: 120_000 }, async () => {
    const unknown = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    const apiToken = { authorization: `Bearer rb_${unknown}` };
    const byFamily = (url: string): Record<string, string>[] => {
      if (url.startsWith("/api/runner/")) return [{ authorization: `Bearer rbn_${unknown}` }];
      if (url.startsWith("/mlflow/")) {
        const basic = Buffer.from(`someone@example.test:rb_${unknown}`).toString("base64");
        return [apiToken, { authorization: `Bearer rbj_${unknown}` }, { authorization: `Basic ${basic}` }];
      }
      return [apiToken];
    };
    const leaks: string[] = [];
    for (const p of probes.filter((x) => !isPublic(x.label))) {
      for (const headers of byFamily(p.url)) {
        const found = await leak(p, headers);
        if (found) leaks.push(`${found} [${headers.authorization!.slice(0, 10)}…]`);
      }
    }
    expect(leaks).toEqual([]);
  });
});
