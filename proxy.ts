import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, HSTS, isWellEncodedPath, newNonce, servedOverHttps } from "@/server/http/security-headers";

/**
 * Runs before pages (and before API paths only when their percent-encoding is broken, see
 * `config`): answers 400 for a path Next's router could not decode; gives each page response a
 * Content-Security-Policy with a fresh nonce (Next.js reads it from the request's CSP header and puts
 * it on its scripts; the root layout hands it to next-themes) and HSTS over HTTPS; and hands the
 * requested path to server components as `x-runboard-path`, so a signed-out visitor is sent to
 * /sign-in with the exact page they asked for as the callback (layouts cannot read the URL).
 */
export function proxy(req: NextRequest) {
  const { pathname } = req.nextUrl;
  if (!isWellEncodedPath(pathname)) return malformedPath(pathname);
  if (/^\/(api|mlflow)\//.test(pathname)) return NextResponse.next();

  const https = servedOverHttps(req.nextUrl, req.headers);
  const nonce = newNonce();
  const csp = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === "development", https });
  const search = new URLSearchParams(req.nextUrl.searchParams);
  search.delete("_rsc");
  const query = search.toString();
  const headers = new Headers(req.headers);
  headers.set("x-runboard-path", `${pathname}${query ? `?${query}` : ""}`);
  headers.set("content-security-policy", csp);
  headers.set("x-nonce", nonce);
  const res = NextResponse.next({ request: { headers } });
  res.headers.set("content-security-policy", csp);
  if (https) res.headers.set("strict-transport-security", HSTS);
  return res;
}

function malformedPath(pathname: string): Response {
  const message = "The URL path has a malformed percent-encoding: each %XX must form valid UTF-8";
  const headers = { "x-content-type-options": "nosniff", "cache-control": "no-store" };
  if (/^\/(api|mlflow)\//.test(pathname)) return Response.json({ message, code: "BAD_REQUEST" }, { status: 400, headers });
  return new Response(`${message}\n`, { status: 400, headers: { ...headers, "content-type": "text/plain; charset=utf-8" } });
}

/**
 * 1. Pages (everything but the APIs and Next's assets).
 * 2. API paths whose percent-encoding does not decode (a negative look-ahead over the valid forms:
 *    bytes below %80 and well-formed UTF-8 sequences). Valid API paths never reach the proxy, so API
 *    calls pay nothing, and request bodies (which Next buffers for a proxy) stream untouched.
 * Next.js needs this object written out literally; server/http/__tests__/proxy.test.ts checks the
 * second pattern against decodeURIComponent.
 */
export const config = {
  matcher: [
    "/((?!api/|mlflow/|_next/|favicon.ico).*)",
    "/((?:api|mlflow)/(?!(?:[^%]|%[0-7][0-9A-Fa-f]|%[Cc][2-9A-Fa-f]%[89ABab][0-9A-Fa-f]|%[Dd][0-9A-Fa-f]%[89ABab][0-9A-Fa-f]|%[Ee]0%[ABab][0-9A-Fa-f]%[89ABab][0-9A-Fa-f]|%[Ee][1-9A-Ca-cEeFf]%[89ABab][0-9A-Fa-f]%[89ABab][0-9A-Fa-f]|%[Ee][Dd]%[89][0-9A-Fa-f]%[89ABab][0-9A-Fa-f]|%[Ff]0%[9ABab][0-9A-Fa-f]%[89ABab][0-9A-Fa-f]%[89ABab][0-9A-Fa-f]|%[Ff][1-3]%[89ABab][0-9A-Fa-f]%[89ABab][0-9A-Fa-f]%[89ABab][0-9A-Fa-f]|%[Ff]4%8[0-9A-Fa-f]%[89ABab][0-9A-Fa-f]%[89ABab][0-9A-Fa-f])*$).*)",
  ],
};
