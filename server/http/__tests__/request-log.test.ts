import { describe, expect, it } from "vitest";
import { withRequestLog } from "../request-log";

describe("withRequestLog", () => {
  it("passes the caller's request id to the handler and returns it", async () => {
    let seen: string | null = null;
    const handler = withRequestLog(async (req) => {
      seen = req.headers.get("x-request-id");
      return Response.json({ ok: true });
    });
    const res = await handler(new Request("http://localhost/api/v1/me", { headers: { "x-request-id": "abc-123" } }));
    expect(seen).toBe("abc-123");
    expect(res.headers.get("x-request-id")).toBe("abc-123");
  });

  it("makes up an id and turns an unexpected throw into a 500 without internals", async () => {
    const handler = withRequestLog(async () => {
      throw new Error("connection string postgres://secret@db leaked");
    });
    const res = await handler(new Request("http://localhost/api/v1/me", { method: "POST", body: "{}" }));
    expect(res.status).toBe(500);
    const id = res.headers.get("x-request-id");
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const body = await res.text();
    expect(body).toContain(id);
    expect(body).not.toMatch(/secret|Error:|at /);
  });
});
