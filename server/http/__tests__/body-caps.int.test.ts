import { describe, expect, it } from "vitest";
import { createTestTeam, orgCtx } from "@/db/testing";
import { withTestDb } from "@/db/with-test-db";
import { MAX_JSON_BODY_BYTES } from "@/server/http/body";
import { handleMlflowRequest } from "@/server/http/mlflow/handler";
import { mlflowWorkspace, tokenFor } from "@/server/http/mlflow/__tests__/setup";
import { tempArtifactStore } from "@/server/http/mlflow/testing";
import { handleRestRequest } from "@/server/http/rest";
import { handleTrpcRequest } from "@/server/http/trpc";
import { createApiToken } from "@/server/services/tokens/create-api-token";
import { buildContext } from "@/server/trpc/context";
import { chunkedBody, endlessBody, streamed, within } from "./bodies";

const database = withTestDb();
const context = (req: Request) => buildContext({ db: database.db, req, getSession: async () => null });

async function adminToken() {
  const { org, members } = await createTestTeam(database.db);
  const { token } = await createApiToken({ ctx: await orgCtx(database.db, org.id, members.admin.id), input: { name: "caps" } });
  return { org, token };
}

describe("every JSON API reads its body under a cap, after authentication where it can", () => {
  it("REST: no credentials → 401 without waiting for the body; too large → 413", async () => {
    const { org, token } = await adminToken();
    const url = `http://localhost/api/v1/orgs/${org.slug}/projects`;
    const anonymous = await within(2000, handleRestRequest(streamed(url, endlessBody(), { "content-type": "application/json" }), context));
    expect(anonymous.status).toBe(401);
    const auth = { authorization: `Bearer ${token}`, "content-type": "application/json" };
    const declared = await within(2000, handleRestRequest(streamed(url, endlessBody(), { ...auth, "content-length": String(300 * 2 ** 20) }), context));
    expect(declared.status).toBe(413);
    const chunked = await handleRestRequest(streamed(url, chunkedBody(MAX_JSON_BODY_BYTES + 1), auth), context);
    expect(chunked.status).toBe(413);
    expect(await chunked.json()).toEqual({ code: "PAYLOAD_TOO_LARGE", message: expect.stringMatching(/larger than 1048576 bytes/) });
    const ok = await handleRestRequest(new Request(url, { method: "POST", headers: auth, body: JSON.stringify({ key: "CAPS", name: "Caps" }) }), context);
    expect(ok.status).toBe(200);
  });

  it("tRPC: a body past the cap → 413 before tRPC parses it (sign-up is public, so no authentication first)", async () => {
    const url = "http://localhost/api/trpc/account.signUp";
    const declared = await within(2000, handleTrpcRequest(streamed(url, endlessBody(), { "content-type": "application/json", "content-length": String(300 * 2 ** 20) }), context));
    expect(declared.status).toBe(413);
    const chunked = await handleTrpcRequest(streamed(url, chunkedBody(MAX_JSON_BODY_BYTES + 1), { "content-type": "application/json" }), context);
    expect(chunked.status).toBe(413);
  });

  it("MLflow: no credentials → 401 without the body; a streamed body past 1 MiB → 413", async () => {
    const ws = await mlflowWorkspace(database);
    const token = await tokenFor(database, ws.org.id, ws.members.data_scientist.id);
    const path = "experiments/create";
    const url = `http://localhost/mlflow/${ws.org.slug}/${ws.project.key}/api/2.0/mlflow/${path}`;
    const deps = { db: database.db, store: tempArtifactStore(), org: ws.org.slug, project: ws.project.key, path };
    const anonymous = await within(2000, handleMlflowRequest(streamed(url, endlessBody()), deps));
    expect(anonymous.status).toBe(401);
    const big = await handleMlflowRequest(streamed(url, chunkedBody(MAX_JSON_BODY_BYTES + 1), { authorization: `Bearer ${token}` }), deps);
    expect(big.status).toBe(413);
    expect((await big.json()).message).toMatch(/larger than 1048576 bytes/);
  });
});

describe("Auth.js routes", () => {
  it("refuse a sign-in body past 64 KiB with 413 before Auth.js reads it", async () => {
    const { POST } = await import("@/app/api/auth/[...nextauth]/route");
    const { NextRequest } = await import("next/server");
    const req = new NextRequest(streamed("http://localhost/api/auth/callback/credentials", chunkedBody(64 * 1024 + 1), { "content-type": "application/x-www-form-urlencoded" }));
    const res = await within(5000, POST(req));
    expect(res.status).toBe(413);
    // A form of ordinary size still reaches Auth.js (which wants its CSRF token here).
    const small = new NextRequest("http://localhost/api/auth/callback/credentials", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "email=a%40b.test&password=x",
    });
    const answer = await POST(small);
    expect(answer.status).toBe(302);
    expect(answer.headers.get("location")).toMatch(/error=MissingCSRF/);
  });
});
