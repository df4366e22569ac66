import { NextResponse, type NextRequest } from "next/server";

/**
 * Hands the requested path to server components as `x-runboard-path`, so a signed-out visitor is
 * sent to /sign-in with the exact page they asked for as the callback. Layouts cannot read the URL.
 */
export function proxy(req: NextRequest) {
  const search = new URLSearchParams(req.nextUrl.searchParams);
  search.delete("_rsc");
  const query = search.toString();
  const headers = new Headers(req.headers);
  headers.set("x-runboard-path", `${req.nextUrl.pathname}${query ? `?${query}` : ""}`);
  return NextResponse.next({ request: { headers } });
}

export const config = { matcher: ["/((?!api/|mlflow/|_next/|docs/|favicon.ico).*)"] };
