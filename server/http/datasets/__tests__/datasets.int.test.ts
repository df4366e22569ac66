import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditEvents, datasetVersions } from "@/db/schema";
import { createTestProject, createTestTeam, createTestUser, addTestMember, createTestOrg, orgCtx } from "@/db/testing";
import { withTestDb } from "@/db/with-test-db";
import { handleDatasetDownload } from "@/server/http/datasets/download";
import { handleDatasetUpload } from "@/server/http/datasets/upload";
import { withRequestLog } from "@/server/http/request-log";
import { createApiToken } from "@/server/services/tokens/create-api-token";
import { ArtifactStore } from "@/server/storage/artifact-store";
import { callerFor, restClient } from "@/server/trpc/testing";

type User = { id: string; email: string; name: string };

const database = withTestDb();
let store: ArtifactStore;
let root: string;
beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), "rb-datasets-"));
  store = new ArtifactStore(root);
});
afterAll(async () => {
  rmSync(root, { recursive: true, force: true });
});

function files(dir = root): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)));
}

const session = (u: User) => async () => ({ user: { id: u.id, email: u.email, name: u.name }, expires: "2999-01-01" });

async function upload(
  as: User | { token: string },
  { org, key, name }: { org: string; key: string; name: string },
  body: BodyInit,
  { type = "text/csv", query = "", maxBytes }: { type?: string; query?: string; maxBytes?: number } = {},
) {
  const headers: Record<string, string> = { "content-type": type };
  if ("token" in as) headers.authorization = `Bearer ${as.token}`;
  else headers.origin = "http://localhost"; // the browser's, on a page of this server
  const init: RequestInit & { duplex?: "half" } = { method: "POST", headers, body };
  if (body instanceof ReadableStream) init.duplex = "half";
  const req = new Request(`http://localhost/api/v1/orgs/${org}/projects/${key}/datasets/${name}/versions${query}`, init);
  const getSession = "token" in as ? async () => null : session(as);
  const res = await withRequestLog((r) => handleDatasetUpload(r, { db: database.db, getSession, store, maxBytes }, { org, key, name }))(req);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: res.status, body: (await res.json()) as any };
}

async function setup() {
  const { org, members } = await createTestTeam(database.db);
  const project = await createTestProject(database.db, org.id);
  const ds = callerFor(database.db, members.data_scientist).datasets;
  await ds.create({ org: org.slug, key: project.key, name: "customers", licence: "CC BY 4.0", containsPersonalData: true });
  return { org, members, project, ref: { org: org.slug, key: project.key, name: "customers" } };
}

const V1 = "id,age,city\n1,34,Oslo\n2,,Bergen\n3,51,Oslo\n";
const V2 = "id,age,plan\n1,34.5,pro\n2,40,free\n3,51,free\n4,29,pro\n";
const sha = (s: string) => createHash("sha256").update(s).digest("hex");

describe("dataset upload", () => {
  it("stores a CSV version with its digest, size, rows, schema and stats, under a content-addressed key", async () => {
    const { members, ref, org } = await setup();
    const res = await upload(members.data_scientist, ref, V1, { query: "?filename=customers.csv" });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      version: 1,
      sha256: sha(V1),
      size: Buffer.byteLength(V1),
      format: "csv",
      rowCount: 3,
      originalFilename: "customers.csv",
      ready: false,
      schema: [
        { name: "id", type: "integer" },
        { name: "age", type: "integer" },
        { name: "city", type: "string" },
      ],
    });
    expect(res.body.stats[1]).toMatchObject({ missing: 1, min: 34, max: 51, mean: 42.5 });
    expect(res.body.stats[2].top).toEqual([
      { value: "Oslo", count: 2 },
      { value: "Bergen", count: 1 },
    ]);
    expect(files()).toContain(path.join("blobs", sha(V1).slice(0, 2), sha(V1)));

    const dataset = await callerFor(database.db, members.viewer).datasets.get({ org: org.slug, key: ref.key, name: ref.name });
    expect(dataset).toMatchObject({ licence: "CC BY 4.0", containsPersonalData: true, owner: { orgSlug: org.slug }, versionCount: 1 });
  });

  it("dedupes identical content: 200, the same version and digest, one blob, no temp files", async () => {
    const { members, ref } = await setup();
    const first = await upload(members.data_engineer, ref, "a,b\n1,2\n");
    const again = await upload(members.admin, ref, "a,b\n1,2\n");
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ version: 1, sha256: first.body.sha256 });
    const mine = files().filter((f) => f.includes(first.body.sha256));
    expect(mine).toHaveLength(1);
    expect(files().filter((f) => f.startsWith("uploads") || f.startsWith(".tmp"))).toEqual([]);
    const versions = await callerFor(database.db, members.viewer).datasets.versions(ref);
    expect(versions).toHaveLength(1);
  });

  it("accepts JSON Lines by Content-Type or ?format and an API token; REST lists the versions", async () => {
    const { org, members, ref } = await setup();
    const { token } = await createApiToken({ ctx: await orgCtx(database.db, org.id, members.data_engineer.id), input: { name: "t" } });
    const jl = await upload({ token }, ref, '{"x":1,"y":"a"}\n{"x":2}\n', { type: "application/x-ndjson" });
    expect(jl.status).toBe(201);
    expect(jl.body).toMatchObject({ format: "jsonl", rowCount: 2, schema: [{ name: "x", type: "integer" }, { name: "y", type: "string" }] });
    const q = await upload({ token }, ref, '{"x":3}\n', { type: "application/octet-stream", query: "?format=jsonl" });
    expect(q.body).toMatchObject({ version: 2, format: "jsonl" });
    const list = await restClient(database.db)("GET", `/orgs/${org.slug}/projects/${ref.key}/datasets/customers/versions`, { token });
    expect(list.status).toBe(200);
    expect(list.body.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    const unknown = await upload({ token }, ref, "x", { type: "application/octet-stream" });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toMatch(/^format: /);
  });

  it("answers 400 naming the line for a ragged CSV or invalid JSON line, and stores nothing", async () => {
    const { members, ref } = await setup();
    const before = files();
    const ragged = await upload(members.data_engineer, ref, "a,b\n1,2\n3,4,5\n");
    expect(ragged.status).toBe(400);
    expect(ragged.body.message).toBe("line 3: expected 2 fields as in the header, found 3");
    const json = await upload(members.data_engineer, ref, '{"a":1}\n{"a":\n', { type: "application/x-ndjson" });
    expect(json.status).toBe(400);
    expect(json.body.message).toMatch(/^line 2: invalid JSON/);
    expect(files()).toEqual(before);
    expect(await callerFor(database.db, members.viewer).datasets.versions(ref)).toEqual([]);
  });

  it("answers 413 over the size limit and stores nothing", async () => {
    const { members, ref } = await setup();
    const before = files();
    const res = await upload(members.data_engineer, ref, `a\n${"1\n".repeat(1000)}`, { maxBytes: 1000 });
    expect(res.status).toBe(413);
    expect(res.body.message).toMatch(/larger than the limit of 1000 bytes/);
    expect(files()).toEqual(before);
  });

  it("refuses viewers (403), strangers and other organizations' tokens (404), and anonymous callers (401)", async () => {
    const { members, ref } = await setup();
    expect((await upload(members.viewer, ref, V1)).status).toBe(403);
    const stranger = await createTestUser(database.db);
    expect((await upload(stranger, ref, V1)).status).toBe(404);
    const other = await createTestOrg(database.db);
    await addTestMember(database.db, other.id, members.admin.id, ["admin"]);
    const { token } = await createApiToken({ ctx: await orgCtx(database.db, other.id, members.admin.id), input: { name: "other" } });
    expect((await upload({ token }, ref, V1)).status).toBe(404);
    expect((await upload({ token: "rb_nope" }, ref, V1)).status).toBe(401);
    await expect(callerFor(database.db, stranger).datasets.get(ref)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await upload(members.admin, { ...ref, name: "missing" }, V1)).status).toBe(404);
  });
});

describe("dataset versions", () => {
  it("diffs against the previous version: columns added, removed, retyped; row-count change", async () => {
    const { members, ref } = await setup();
    await upload(members.data_engineer, ref, V1);
    await upload(members.data_engineer, ref, V2);
    const api = callerFor(database.db, members.viewer).datasets;
    expect(await api.diff({ ...ref, version: 2 })).toEqual({
      version: 2,
      against: 1,
      columnsAdded: [{ name: "plan", type: "string" }],
      columnsRemoved: [{ name: "city", type: "string" }],
      columnsRetyped: [{ name: "age", from: "integer", to: "number" }],
      rowCount: { from: 3, to: 4, change: 1 },
      sameContent: false,
    });
    expect(await api.diff({ ...ref, version: 1 })).toMatchObject({ against: null, columnsAdded: V1.split("\n")[0]!.split(",").map((n) => expect.objectContaining({ name: n })) });
    expect(await api.diff({ ...ref, version: 1, against: 2 })).toMatchObject({ columnsAdded: [{ name: "city" }], rowCount: { change: -1 } });
  });

  it("only data engineers and admins mark ready; the mark records who and when, once, and is audited", async () => {
    const { org, members, ref } = await setup();
    await upload(members.data_engineer, ref, V1);
    await expect(callerFor(database.db, members.data_scientist).datasets.markReady({ ...ref, version: 1 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const rest = restClient(database.db);
    const { token } = await createApiToken({ ctx: await orgCtx(database.db, org.id, members.data_scientist.id), input: { name: "ds" } });
    expect((await rest("POST", `/orgs/${org.slug}/projects/${ref.key}/datasets/customers/versions/1/ready`, { token, body: {} })).status).toBe(403);
    const marked = await callerFor(database.db, members.data_engineer).datasets.markReady({ ...ref, version: 1 });
    expect(marked).toMatchObject({ ready: true, readyBy: { id: members.data_engineer.id, name: "data_engineer" } });
    const again = await callerFor(database.db, members.admin).datasets.markReady({ ...ref, version: 1 });
    expect(again.readyBy?.id).toBe(members.data_engineer.id);
    const events = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.orgId, org.id), eq(auditEvents.action, "dataset.mark_ready")));
    expect(events).toHaveLength(1);
  });

  it("downloads the exact bytes as a nosniff attachment; another organization gets 404", async () => {
    const { members, ref } = await setup();
    await upload(members.data_engineer, ref, V1);
    const get = (u: User) =>
      handleDatasetDownload(new Request("http://localhost/x"), { db: database.db, getSession: session(u), store }, { ...ref, version: "1" });
    const res = await get(members.viewer);
    expect(res.status).toBe(200);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="customers-v1.csv"; filename*=UTF-8''customers-v1.csv`);
    expect(await res.text()).toBe(V1);
    expect((await get(await createTestUser(database.db))).status).toBe(404);
  });

  it("answers 400 naming the name for a stray % in the dataset name (upload and download), not a 500", async () => {
    const { members, ref } = await setup();
    const res = await upload(members.data_engineer, { ...ref, name: "100%" }, V1);
    expect(res).toEqual({ status: 400, body: { message: "name: must be percent-encoded UTF-8", code: "BAD_REQUEST" } });
    const dl = await handleDatasetDownload(new Request("http://localhost/x"), { db: database.db, getSession: session(members.viewer), store }, { ...ref, name: "100%", version: "1" });
    expect(dl.status).toBe(400);
  });

  it("updates terms but keeps versions immutable; names are unique per project (409)", async () => {
    const { members, ref } = await setup();
    const api = callerFor(database.db, members.manager).datasets;
    const updated = await api.update({ ...ref, licence: "internal use only", containsPersonalData: false });
    expect(updated).toMatchObject({ licence: "internal use only", containsPersonalData: false });
    await expect(api.create({ org: ref.org, key: ref.key, name: "customers", licence: "x", containsPersonalData: false })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(callerFor(database.db, members.viewer).datasets.update({ ...ref, licence: "mine" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("large uploads", () => {
  // 200 MB by default (the figure); DATASET_UPLOAD_TEST_MB lowers it on a slow machine.
  const mb = Number(process.env.DATASET_UPLOAD_TEST_MB ?? 200);
  it(`streams a generated ${mb} MB CSV without holding it in memory`, { timeout: 120_000 }, async () => {
    const { members, ref } = await setup();
    const target = mb * 1024 * 1024;
    const hash = createHash("sha256");
    let sent = 0;
    let rows = 0;
    const enc = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= target) return controller.close();
        let chunk = sent === 0 ? "id,value,label\n" : "";
        while (chunk.length < 64 * 1024) {
          chunk += `${rows},${(rows % 1000) / 10},${rows % 3 === 0 ? "a" : "b"}\n`;
          rows++;
        }
        const bytes = enc.encode(chunk);
        hash.update(bytes);
        sent += bytes.length;
        controller.enqueue(bytes);
      },
    });
    const started = performance.now();
    const res = await upload(members.data_engineer, ref, body);
    const seconds = (performance.now() - started) / 1000;
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ size: sent, sha256: hash.digest("hex"), rowCount: rows });
    expect(res.body.stats[1]).toMatchObject({ min: 0, max: 99.9 });
    const heapMb = process.memoryUsage().heapUsed / 1024 ** 2;
    console.info(`${mb} MB upload: ${seconds.toFixed(1)} s, ${(sent / 1024 ** 2 / seconds).toFixed(1)} MiB/s, heap ${heapMb.toFixed(0)} MiB`);
    expect(heapMb).toBeLessThan(mb / 2 + 150);
    const [row] = await database.db.select().from(datasetVersions).where(eq(datasetVersions.sha256, res.body.sha256));
    expect(row!.size).toBe(sent);
  });
});
