import { formatZodIssues } from "@/server/trpc/format-issues";

/**
 * trpc-to-openapi answers every validation failure with the fixed message "Input validation
 * failed"; rewrite it so the message names the field (the issues stay in the body too).
 */
export async function withReadableValidationMessage(res: Response): Promise<Response> {
  if (res.status !== 400) return res;
  const body = (await res.clone().json().catch(() => null)) as { issues?: unknown } | null;
  if (!body || !Array.isArray(body.issues)) return res;
  const headers = new Headers(res.headers);
  headers.delete("content-length");
  return new Response(JSON.stringify({ ...body, message: formatZodIssues(body.issues) }), { status: 400, headers });
}
