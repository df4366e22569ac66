import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestProject, createTestTeam, orgCtx } from "@/db/testing";
import { withTestDb } from "@/db/with-test-db";
import { handleDatasetUpload } from "@/server/http/datasets/upload";
import { uploadVersion } from "@/server/services/datasets/upload-version";
import { ArtifactStore } from "@/server/storage/artifact-store";
import { callerFor } from "@/server/trpc/testing";

// Files the database cannot store (NUL, invalid UTF-8) or the profiler cannot walk (deep nesting)
// used to answer 500, leaving an orphan blob behind; now 400 naming the line, and nothing stored.
const database = withTestDb();
let store: ArtifactStore;
let root: string;
beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), "rb-bad-bytes-"));
  store = new ArtifactStore(root);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const files = () =>
  readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)));

async function setup() {
  const { org, members } = await createTestTeam(database.db);
  const project = await createTestProject(database.db, org.id);
  const user = members.data_engineer;
  await callerFor(database.db, user).datasets.create({ org: org.slug, key: project.key, name: "d", licence: "CC0", containsPersonalData: false });
  const ref = { org: org.slug, key: project.key, name: "d" };
  const session = async () => ({ user: { id: user.id, email: user.email, name: user.name }, expires: "2999-01-01" });
  const upload = async (body: BodyInit, type = "text/csv", query = "") => {
    const req = new Request(`http://localhost/api/v1/orgs/${ref.org}/projects/${ref.key}/datasets/d/versions${query}`, { method: "POST", headers: { "content-type": type, origin: "http://localhost" }, body });
    const res = await handleDatasetUpload(req, { db: database.db, getSession: session, store }, ref);
    return { status: res.status, body: (await res.json()) as { message: string } };
  };
  const versions = () => callerFor(database.db, user).datasets.versions(ref);
  return { org, user, ref, upload, versions };
}

describe("dataset upload of bytes the database cannot hold", () => {
  it("refuses a CSV holding a NUL with 400 naming line and byte, and leaves no blob", async () => {
    const { upload, versions } = await setup();
    const res = await upload("a,b\n1,x\u0000y\n");
    expect(res).toEqual({ status: 400, body: expect.objectContaining({ message: "line 2: byte 7 is a NUL character, which a dataset may not hold" }) });
    const name = await upload("a\n1\n", "text/csv", "?filename=x%00.csv");
    expect(name).toEqual({ status: 400, body: expect.objectContaining({ message: "filename: must not contain NUL characters or unpaired surrogates" }) });
    expect(files()).toEqual([]);
    expect(await versions()).toEqual([]);
  });

  it("refuses invalid UTF-8 (a Latin-1 file) with 400 naming line and byte, instead of storing replacement characters", async () => {
    const { upload, versions } = await setup();
    const latin1 = Buffer.concat([Buffer.from("id,city\n1,Oslo\n2,Troms"), Buffer.from([0xf8]), Buffer.from("\n")]);
    const res = await upload(latin1);
    expect(res).toEqual({ status: 400, body: expect.objectContaining({ message: "line 3: byte 22 is not valid UTF-8: save the file as UTF-8" }) });
    const truncated = await upload(Buffer.from([0x61, 0x0a, 0xe2, 0x82]));
    expect(truncated.body.message).toBe("line 2: byte 2 is not valid UTF-8: save the file as UTF-8");
    expect(files()).toEqual([]);
    expect(await versions()).toEqual([]);
  });

  it("refuses JSON Lines nested 5,000 levels or holding an escaped NUL or lone surrogate, with 400 naming the line", async () => {
    const { upload, versions } = await setup();
    const deep = `{"a":1}\n{"a":${"[".repeat(5000)}${"]".repeat(5000)}}\n`;
    expect((await upload(deep, "application/x-ndjson")).body.message).toBe("line 2: objects and arrays are nested more than 100 levels deep");
    const nul = await upload('{"a":"x\\u0000"}\n', "application/x-ndjson");
    expect(nul).toEqual({ status: 400, body: expect.objectContaining({ message: "line 1: a string holds a NUL character or an unpaired surrogate, which a dataset may not hold" }) });
    expect((await upload('{"\\ud800":1}\n', "application/x-ndjson")).status).toBe(400);
    expect(files()).toEqual([]);
    expect(await versions()).toEqual([]);
  });

  it("removes the blob it moved when the version's transaction fails, so no record or file is half-written", async () => {
    const { org, user, ref, versions } = await setup();
    const ctx = await orgCtx(database.db, org.id, user.id);
    const real = ctx.db.transaction.bind(ctx.db);
    // The commit fails after the callback ran (the blob is in place by then).
    const failing = ((fn: Parameters<typeof real>[0]) => real(async (tx) => (await fn(tx), Promise.reject(new Error("commit failed"))))) as typeof real;
    const spy = vi.spyOn(ctx.db, "transaction").mockImplementation(failing);
    const body = (async function* () {
      yield Buffer.from("a,b\n1,2\n");
    })();
    await expect(uploadVersion({ ctx, input: { key: ref.key, name: ref.name, format: "csv", filename: "x.csv" }, body, store })).rejects.toThrow("commit failed");
    spy.mockRestore();
    expect(files()).toEqual([]);
    expect(await versions()).toEqual([]);
  });
});
