import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestProject, createTestTeam, orgCtx } from "@/db/testing";
import { withTestDb } from "@/db/with-test-db";
import { handleDatasetUpload } from "@/server/http/datasets/upload";
import { handleRestRequest } from "@/server/http/rest";
import { handleTrpcRequest } from "@/server/http/trpc";
import { createApiToken } from "@/server/services/tokens/create-api-token";
import { ArtifactStore } from "@/server/storage/artifact-store";
import { buildContext } from "@/server/trpc/context";
import { callerFor } from "@/server/trpc/testing";

const database = withTestDb();
let store: ArtifactStore;
let root: string;
beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), "rb-origin-"));
  store = new ArtifactStore(root);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

type User = { id: string; email: string; name: string };
type As = { cookie: User } | { token: string };
const ORIGIN = "http://localhost";

/** The session cookie's user, as Auth.js would resolve it, or no session for token requests. */
const sessionOf = (as: As) => async () => ("cookie" in as ? { user: as.cookie, expires: "2999-01-01" } : null);
const context = (as: As) => (req: Request) => buildContext({ db: database.db, req, getSession: sessionOf(as) });

function headersFor(as: As, origin: string | null, extra: Record<string, string> = {}): Record<string, string> {
  const h: Record<string, string> = { "content-type": "application/json", ...extra };
  if ("token" in as) h.authorization = `Bearer ${as.token}`;
  if (origin) h.origin = origin;
  return h;
}

async function world() {
  const { org, members } = await createTestTeam(database.db);
  const project = await createTestProject(database.db, org.id);
  const { token } = await createApiToken({ ctx: await orgCtx(database.db, org.id, members.admin.id), input: { name: "ci" } });
  return { org, members, project, token };
}

const trpc = (as: As, origin: string | null, input: unknown, extra?: Record<string, string>) =>
  handleTrpcRequest(
    new Request(`${ORIGIN}/api/trpc/projects.create`, { method: "POST", headers: headersFor(as, origin, extra), body: JSON.stringify({ json: input }) }),
    context(as),
  );
const rest = (as: As, origin: string | null, path: string, body: unknown) =>
  handleRestRequest(new Request(`${ORIGIN}/api/v1${path}`, { method: "POST", headers: headersFor(as, origin), body: JSON.stringify(body) }), context(as));

describe("cookie-authenticated mutations must come from our own pages", () => {
  it("tRPC: a foreign or missing Origin is refused 403; same origin, Sec-Fetch-Site same-origin and bearer tokens pass", async () => {
    const w = await world();
    const admin = { cookie: w.members.admin };
    const foreign = await trpc(admin, "https://evil.example", { org: w.org.slug, key: "EVIL", name: "Evil" });
    expect(foreign.status).toBe(403);
    expect(JSON.stringify(await foreign.json())).toMatch(/Cross-site request refused/);
    expect((await trpc(admin, null, { org: w.org.slug, key: "NOORG", name: "x" })).status).toBe(403);
    expect((await trpc(admin, "null", { org: w.org.slug, key: "NULL", name: "x" })).status).toBe(403);
    expect((await trpc(admin, ORIGIN, { org: w.org.slug, key: "SAME", name: "Same" })).status).toBe(200);
    expect((await trpc(admin, null, { org: w.org.slug, key: "FETCH", name: "x" }, { "sec-fetch-site": "same-origin" })).status).toBe(200);
    expect((await trpc({ token: w.token }, "https://evil.example", { org: w.org.slug, key: "TOKEN", name: "x" })).status).toBe(200);
    const keys = (await callerFor(database.db, w.members.admin).projects.list({ org: w.org.slug })).map((p) => p.key);
    expect(keys).toEqual(expect.arrayContaining(["SAME", "FETCH", "TOKEN"]));
    expect(keys).not.toEqual(expect.arrayContaining(["EVIL"]));
  });

  it("tRPC queries (GET) with the cookie still work from anywhere: reading is not a mutation", async () => {
    const w = await world();
    const input = encodeURIComponent(JSON.stringify({ json: { org: w.org.slug } }));
    const req = new Request(`${ORIGIN}/api/trpc/projects.list?input=${input}`, { headers: { origin: "https://elsewhere.example" } });
    expect((await handleTrpcRequest(req, context({ cookie: w.members.admin }))).status).toBe(200);
  });

  it("REST /api/v1: the same rule", async () => {
    const w = await world();
    const admin = { cookie: w.members.admin };
    const foreign = await rest(admin, "https://evil.example", `/orgs/${w.org.slug}/projects`, { key: "EVIL", name: "Evil" });
    expect(foreign.status).toBe(403);
    expect((await foreign.json()).message).toMatch(/Cross-site request refused/);
    expect((await rest(admin, null, `/orgs/${w.org.slug}/projects`, { key: "NONE", name: "x" })).status).toBe(403);
    expect((await rest(admin, ORIGIN, `/orgs/${w.org.slug}/projects`, { key: "SAME", name: "Same" })).status).toBe(200);
    expect((await rest({ token: w.token }, "https://evil.example", `/orgs/${w.org.slug}/projects`, { key: "TOKEN", name: "T" })).status).toBe(200);
  });

  it("dataset upload: a cross-site text/plain POST with the cookie stores nothing", async () => {
    const w = await world();
    await callerFor(database.db, w.members.data_scientist).datasets.create({ org: w.org.slug, key: w.project.key, name: "leads", licence: "CC0", containsPersonalData: false });
    const params = { org: w.org.slug, key: w.project.key, name: "leads" };
    const upload = (origin: string | null, as: As) =>
      handleDatasetUpload(
        new Request(`${ORIGIN}/api/v1/orgs/${w.org.slug}/projects/${w.project.key}/datasets/leads/versions?format=csv`, {
          method: "POST",
          headers: { ...headersFor(as, origin), "content-type": "text/plain" },
          body: "id,name\n1,a\n",
        }),
        { db: database.db, getSession: sessionOf(as), store },
        params,
      );
    const scientist = { cookie: w.members.data_scientist };
    const foreign = await upload("https://evil.example", scientist);
    expect(foreign.status).toBe(403);
    expect((await foreign.json()).message).toMatch(/Cross-site request refused/);
    expect((await upload(ORIGIN, scientist)).status).toBe(201);
    expect((await upload("https://evil.example", { token: w.token })).status).toBe(200); // same bytes: the existing version
  });
});
