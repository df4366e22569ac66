import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { config, proxy } from "@/proxy";
import { contentSecurityPolicy } from "../security-headers";

// Next compiles the matcher with this function at build time; compile it the same way here.
const { getMiddlewareMatchers } = createRequire(import.meta.url)("next/dist/build/analysis/get-page-static-info.js") as {
  getMiddlewareMatchers: (m: string[], c: object) => { regexp: string }[];
};
const [pages, malformedApi] = getMiddlewareMatchers(config.matcher, {}).map((m) => new RegExp(m.regexp));
const decodes = (p: string) => {
  try {
    decodeURIComponent(p);
    return true;
  } catch {
    return false;
  }
};

describe("proxy matcher", () => {
  it("sends an API path to the proxy exactly when its percent-encoding does not decode", () => {
    for (const p of ["/api/v1/orgs/%c0", "/api/v1/%", "/api/v1/%zz", "/mlflow/a/%ff", "/api/x/%e2%82", "/api/x/%ed%a0%80", "/api/x/%e0%80%80"]) {
      expect(malformedApi!.test(p), p).toBe(true);
    }
    for (const p of ["/api/v1/orgs/acme", "/api/v1/orgs/caf%C3%A9", "/mlflow/a/b/x%20y", "/api/x/%F0%9F%98%80", "/api/runner/v1/claim", "/api/trpc/a,b"]) {
      expect(malformedApi!.test(p), p).toBe(false);
      expect(pages!.test(p), p).toBe(false);
    }
    let mismatches = 0;
    for (let i = 0; i < 20_000; i++) {
      let p = "/api/x/";
      for (let j = 1 + (i % 4); j > 0; j--) p += `%${Math.floor(Math.random() * 256).toString(16).padStart(2, "0")}${i % 3 ? "a" : ""}`;
      if (i % 10 === 0) p += "%";
      if (malformedApi!.test(p) === decodes(p)) mismatches++;
    }
    expect(mismatches).toBe(0);
  });

  it("runs on pages, not on Next's assets", () => {
    expect(pages!.test("/acme/CHURN/board")).toBe(true);
    expect(pages!.test("/docs/api")).toBe(true);
    expect(pages!.test("/_next/static/chunks/x.js")).toBe(false);
  });
});

describe("proxy", () => {
  it("answers a malformed API path 400 with a JSON message, a malformed page path 400 too", async () => {
    const api = proxy(new NextRequest("http://localhost/api/v1/orgs/%c0"));
    expect(api.status).toBe(400);
    expect(await api.json()).toEqual({ code: "BAD_REQUEST", message: expect.stringMatching(/malformed percent-encoding/) });
    expect(proxy(new NextRequest("http://localhost/%c0/board")).status).toBe(400);
  });

  it("gives each page a CSP with a fresh nonce, on the response and on the request Next renders with", () => {
    const res = proxy(new NextRequest("http://localhost/acme/CHURN/board"));
    const csp = res.headers.get("content-security-policy")!;
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}' 'strict-dynamic'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get("x-middleware-request-content-security-policy")).toBe(csp);
    expect(res.headers.get("x-middleware-request-x-runboard-path")).toBe("/acme/CHURN/board");
    expect(csp).toContain(`'nonce-${res.headers.get("x-middleware-request-x-nonce")}'`);
    expect(res.headers.get("strict-transport-security")).toBeNull();
    const again = proxy(new NextRequest("http://localhost/acme/CHURN/board")).headers.get("content-security-policy");
    expect(again).not.toBe(csp);
  });

  it("adds HSTS and upgrade-insecure-requests behind HTTPS only", () => {
    const res = proxy(new NextRequest("http://localhost/acme", { headers: { "x-forwarded-proto": "https" } }));
    expect(res.headers.get("strict-transport-security")).toMatch(/max-age=\d{8}/);
    expect(res.headers.get("content-security-policy")).toContain("upgrade-insecure-requests");
  });

  it("allows no inline script without the nonce", () => {
    const script = contentSecurityPolicy("abc").split("; ").find((d) => d.startsWith("script-src"))!;
    expect(script).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  });
});
