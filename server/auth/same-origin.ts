import { ForbiddenError } from "@/server/services/errors";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Hosts this server answers as: the Host header (or the proxy's X-Forwarded-Host), the request URL's and AUTH_URL's. */
function ownHosts(req: Request): Set<string> {
  const hosts = new Set<string>([new URL(req.url).host]);
  const forwarded = req.headers.get("x-forwarded-host")?.split(",")[0]?.trim();
  for (const h of [req.headers.get("host"), forwarded]) if (h) hosts.add(h.toLowerCase());
  try {
    if (process.env.AUTH_URL) hosts.add(new URL(process.env.AUTH_URL).host);
  } catch {
    // A malformed AUTH_URL is Auth.js's to report; it adds no host here.
  }
  return hosts;
}

/**
 * Whether a browser sent this request from one of our own pages: its Origin names this host, or,
 * without an Origin, Sec-Fetch-Site says same-origin. Hosts are compared without the scheme, so a
 * TLS-terminating proxy that does not forward the scheme still matches.
 */
export function isSameOrigin(req: Request): boolean {
  const origin = req.headers.get("origin");
  if (!origin) return req.headers.get("sec-fetch-site") === "same-origin";
  let host: string;
  try {
    host = new URL(origin).host.toLowerCase();
  } catch {
    return false; // "null" (sandboxed frames, file://) or garbage
  }
  return host !== "" && ownHosts(req).has(host);
}

/**
 * A cookie-authenticated request that changes something must come from our own pages: the browser
 * attaches the session cookie to cross-site form posts and `text/plain` fetches too (CSRF). Requests
 * authenticated by a bearer token are exempt: another site cannot make a browser send one.
 */
export function assertSameOriginForCookie(req: Request): void {
  if (SAFE_METHODS.has(req.method.toUpperCase()) || isSameOrigin(req)) return;
  throw new ForbiddenError(
    "Cross-site request refused: a request signed in with the session cookie that changes something must come from Runboard's own pages (send an Origin header of this server, or use an API token)",
  );
}
