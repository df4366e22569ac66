/**
 * Security headers of pages, set per request by proxy.ts. Kept free of imports: the proxy runs
 * before every page and must stay cheap.
 */

/** A fresh nonce for one response: Next.js puts it on its own scripts when it finds it in the request's CSP. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/**
 * Scripts: only those carrying this response's nonce, and what they load ('strict-dynamic'): no
 * inline script without it. Styles: 'unsafe-inline', because React's style attributes (charts,
 * the pipeline graph, drag-and-drop transforms) cannot carry a nonce; a style cannot run code.
 */
export function contentSecurityPolicy(nonce: string, { dev = false, https = false } = {}): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https://avatars.githubusercontent.com",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    // Sign-in with GitHub posts to a server action that redirects to github.com.
    "form-action 'self' https://github.com",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

export const HSTS = "max-age=31536000; includeSubDomains";

/** Whether the browser reached us over HTTPS: directly, through a proxy that says so, or as the configured AUTH_URL. */
export function servedOverHttps(url: URL, headers: Headers, authUrl = process.env.AUTH_URL): boolean {
  return url.protocol === "https:" || headers.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https" || !!authUrl?.startsWith("https:");
}

/** Whether every %-escape of a path decodes to UTF-8, as Next's router needs (it answers a bare 500 otherwise). */
export function isWellEncodedPath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}
