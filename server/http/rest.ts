import { createOpenApiFetchHandler } from "trpc-to-openapi";
import type { Context } from "@/server/trpc/context";
import { appRouter } from "@/server/trpc/root";
import { formatZodIssues } from "@/server/services/format-issues";

/** Serves the tRPC routers as the REST API under /api/v1 (paths come from each procedure's openapi meta). */
export async function handleRestRequest(req: Request, createContext: (req: Request) => Promise<Context>) {
  const res = await createOpenApiFetchHandler({ endpoint: "/api/v1", req, router: appRouter, createContext: () => createContext(req) });
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
