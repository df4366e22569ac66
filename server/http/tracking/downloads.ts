import { Readable } from "node:stream";
import { HTTP_STATUS, messageNamingField, ServiceError, UnauthorizedError } from "@/server/services/errors";
import { resolveOrg } from "@/server/services/orgs/resolve-org";
import { readArtifact } from "@/server/services/tracking/list-artifacts";
import { metricCsv } from "@/server/services/tracking/metric-series";
import { createRequestContext } from "@/server/trpc/request-context";
import { attachmentDisposition } from "../content-disposition";

type Params = { org: string; project: string; runId: string };

type CreateContext = typeof createRequestContext;

async function orgContextFor(req: Request, org: string, createContext: CreateContext) {
  const ctx = await createContext(req);
  if (!ctx.user) throw new UnauthorizedError(ctx.authError ?? undefined);
  return resolveOrg(ctx.db, { userId: ctx.user.id, slug: org, tokenOrgId: ctx.user.tokenOrgId });
}

function errorResponse(err: unknown) {
  if (err instanceof ServiceError) return Response.json({ message: messageNamingField(err), code: err.code }, { status: HTTP_STATUS[err.code] });
  throw err;
}

/** GET …/metrics?key=loss: every point of one metric as CSV (session cookie or Bearer API token). */
export async function downloadMetricCsv(req: Request, p: Params, createContext: CreateContext = createRequestContext) {
  try {
    const metricKey = new URL(req.url).searchParams.get("key") ?? "";
    const ctx = await orgContextFor(req, p.org, createContext);
    const { filename, lines } = await metricCsv({ ctx, input: { key: p.project.toUpperCase(), runId: p.runId, metricKey } });
    const body = Readable.toWeb(Readable.from(lines)) as ReadableStream;
    return new Response(body, { headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": attachmentDisposition(filename), "cache-control": "no-store" } });
  } catch (err) {
    return errorResponse(err);
  }
}

/** GET …/artifacts/<path>: one artifact file of a run, as a download. */
export async function downloadArtifact(req: Request, p: Params & { path: string[] }, createContext: CreateContext = createRequestContext) {
  try {
    const ctx = await orgContextFor(req, p.org, createContext);
    const file = await readArtifact({ ctx, input: { key: p.project.toUpperCase(), runId: p.runId, path: p.path.join("/") } });
    return new Response(Readable.toWeb(file.stream) as ReadableStream, {
      headers: {
        "content-type": "application/octet-stream",
        "content-length": String(file.size),
        "content-disposition": attachmentDisposition(file.name),
        "x-content-type-options": "nosniff",
        "cache-control": "no-store",
      },
    });
  } catch (err) {
    return errorResponse(err);
  }
}
