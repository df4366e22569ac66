import { describe, expect, it } from "vitest";
import { withTestDb } from "@/db/with-test-db";
import { BODY_LIMITS, PROTOCOL_PATH } from "@/runner/protocol";
import { setupRunnerWorld } from "@/server/services/runner-protocol/__tests__/testing";
import { handleRunnerRequest } from "../handler";
import { chunkedBody, endlessBody, within } from "@/server/http/__tests__/bodies";

const database = withTestDb();
const url = (path: string) => `http://localhost${PROTOCOL_PATH}${path}`;

const post = (path: string, init: { body?: BodyInit | ReadableStream; headers?: Record<string, string> } = {}) =>
  new Request(url(path), { method: "POST", headers: init.headers, body: init.body as BodyInit, duplex: "half" } as RequestInit);

describe("runner protocol: authenticate first, then read a capped body", () => {
  it("answers an unauthenticated claim 401 without waiting for its body", async () => {
    const res = await within(2000, handleRunnerRequest(post("/claim", { body: endlessBody() }), database.db));
    expect(res.status).toBe(401);
    const bad = await within(2000, handleRunnerRequest(post("/claim", { body: endlessBody(), headers: { authorization: "Bearer rbn_unknown" } }), database.db));
    expect(bad.status).toBe(401);
    expect((await bad.json()).message).toMatch(/runner token/i);
  });

  it("refuses an authenticated body past the cap with 413, by Content-Length and while streaming", async () => {
    const w = await setupRunnerWorld(database.db);
    const r = await w.addRunner("big-bodies");
    const auth = { authorization: `Bearer ${r.token}`, "content-type": "application/json" };
    const declared = await within(2000, handleRunnerRequest(post("/claim", { body: endlessBody(), headers: { ...auth, "content-length": String(300 * 2 ** 20) } }), database.db));
    expect(declared.status).toBe(413);
    const streamed = await handleRunnerRequest(post("/claim", { body: chunkedBody(BODY_LIMITS.claim + 1), headers: auth }), database.db);
    expect(streamed.status).toBe(413);
    expect(await streamed.json()).toEqual({ code: "PAYLOAD_TOO_LARGE", message: expect.stringMatching(/larger than 1048576 bytes \(1 MiB\)/) });
    const big = await handleRunnerRequest(post("/register", { body: chunkedBody(BODY_LIMITS.register + 1) }), database.db);
    expect(big.status).toBe(413);
    // A claim under the cap still works.
    const ok = await handleRunnerRequest(post("/claim", { body: JSON.stringify({ freeGpus: 0 }), headers: auth }), database.db);
    expect(ok.status).toBe(200);
  });

  it("takes log batches larger than the JSON cap, up to the logs cap", async () => {
    const w = await setupRunnerWorld(database.db);
    const r = await w.addRunner("chatty");
    const job = await w.queue();
    const auth = { authorization: `Bearer ${r.token}`, "content-type": "application/json" };
    const claim = await (await handleRunnerRequest(post("/claim", { body: JSON.stringify({ freeGpus: 0 }), headers: auth }), database.db)).json();
    expect(claim.job.id).toBe(job.id);
    const chunks = [0, 1].map((seq) => ({ seq, stream: "stdout", text: "x".repeat(900_000) }));
    const res = await handleRunnerRequest(post(`/jobs/${job.id}/logs`, { body: JSON.stringify({ leaseId: claim.job.leaseId, chunks }), headers: auth }), database.db);
    expect(res.status).toBe(200);
    expect((await res.json()).accepted).toBe(2);
  });

  it("answers job ids that are not UUIDs with 400 and an unknown job as a lost lease (409), never 500", async () => {
    const w = await setupRunnerWorld(database.db);
    const r = await w.addRunner("ids");
    const auth = { authorization: `Bearer ${r.token}`, "content-type": "application/json" };
    const body = JSON.stringify({ leaseId: "00000000-0000-4000-8000-000000000000" });
    for (const id of ["-".repeat(36), "0".repeat(36), "g".repeat(36), "x"]) {
      const res = await handleRunnerRequest(post(`/jobs/${id}/heartbeat`, { body, headers: auth }), database.db);
      expect(res.status, id).toBe(400);
      expect((await res.json()).message).toMatch(/jobId: must be a job's UUID/);
      const dataset = await handleRunnerRequest(new Request(url(`/jobs/${id}/dataset`), { headers: auth }), database.db);
      expect(dataset.status, `${id} dataset`).toBe(400);
    }
    const unknown = await handleRunnerRequest(post(`/jobs/00000000-0000-0000-0000-000000000000/heartbeat`, { body, headers: auth }), database.db);
    expect(unknown.status).toBe(409);
  });
});
