import { createOpenApiFetchHandler } from "trpc-to-openapi";
import type { Context } from "@/server/trpc/context";
import { appRouter } from "@/server/trpc/root";
import { formatZodIssues } from "@/server/services/format-issues";
import { BadRequestError, HTTP_STATUS, messageNamingField, ServiceError } from "@/server/services/errors";
import { BodyTooLargeError, MAX_JSON_BODY_BYTES, payloadTooLarge, withCappedBody } from "./body";

/**
 * Serves the tRPC routers as the REST API under /api/v1 (paths come from each procedure's openapi meta).
 * Every REST operation needs a caller, so the caller is resolved from the headers first (401, or 403
 * for a cross-site cookie mutation) and only then is the body read, under MAX_JSON_BODY_BYTES (413).
 */
export async function handleRestRequest(req: Request, createContext: (req: Request) => Promise<Context>) {
  let ctx: Context;
  let capped: Request;
  try {
    ctx = await createContext(req);
    if (!ctx.user) return Response.json({ message: ctx.authError ?? "Sign in or send a valid API token", code: "UNAUTHORIZED" }, { status: 401 });
    capped = await withCappedBody(req, MAX_JSON_BODY_BYTES);
  } catch (err) {
    if (err instanceof ServiceError) return Response.json({ message: messageNamingField(err), code: err.code }, { status: HTTP_STATUS[err.code] });
    if (err instanceof BodyTooLargeError) return payloadTooLarge(err);
    throw err;
  }
  const reserved = reservedQueryParameter(req);
  if (reserved) return reserved;
  const res = await createOpenApiFetchHandler({ endpoint: "/api/v1", req: capped, router: appRouter, createContext: async () => ctx });
  return withReadableValidationMessage(res);
}

/**
 * trpc-to-openapi answers every validation failure with the fixed message "Input validation
 * failed"; rewrite it so the message names the field (the issues stay in the body too).
 */
async function withReadableValidationMessage(res: Response): Promise<Response> {
  if (res.status !== 400) return res;
  const body = (await res.clone().json().catch(() => null)) as { issues?: unknown } | null;
  if (!body || !Array.isArray(body.issues)) return res;
  const headers = new Headers(res.headers);
  headers.delete("content-length");
  return new Response(JSON.stringify({ ...body, message: formatZodIssues(body.issues) }), { status: 400, headers });
}

/**
 * trpc-to-openapi gathers query parameters into a plain object (`parsed[name] ??= []`), so a name
 * that Object.prototype already has (`toString`, `constructor`, `__proto__`) crashed it with a
 * 500. No input has such a name: answer 400 naming the parameter before the adapter sees it.
 */
function reservedQueryParameter(req: Request): Response | null {
  const name = [...new URL(req.url).searchParams.keys()].find((k) => k in Object.prototype);
  if (name === undefined) return null;
  const err = new BadRequestError("is not an accepted query parameter", { field: name });
  return Response.json({ message: messageNamingField(err), code: err.code }, { status: 400 });
}
