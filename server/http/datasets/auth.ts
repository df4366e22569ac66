import type { Session } from "next-auth";
import type { Db } from "@/server/services/domain";
import { logger } from "@/server/logger";
import { asServiceError, BadRequestError, HTTP_STATUS, messageNamingField, NotFoundError, ServiceError, UnauthorizedError } from "@/server/services/errors";
import { resolveOrg } from "@/server/services/orgs/resolve-org";
import { UploadTooLargeError } from "@/server/services/datasets/upload-version";
import { buildContext } from "@/server/trpc/context";

export interface DatasetHttpDeps {
  db: Db;
  getSession: () => Promise<Session | null>;
}

/** The caller (bearer rb_ token, else the session cookie) acting in organization `org`; not a member → 404. */
export async function orgContextFor(req: Request, deps: DatasetHttpDeps, org: string) {
  const ctx = await buildContext({ db: deps.db, req, getSession: deps.getSession });
  if (!ctx.user) throw new UnauthorizedError(ctx.authError ?? undefined);
  if (!/^[a-z0-9-]{2,40}$/.test(org)) throw new NotFoundError("Organization");
  return resolveOrg(deps.db, { userId: ctx.user.id, slug: org, tokenOrgId: ctx.user.tokenOrgId });
}

/** The same JSON error shape as the rest of /api/v1: `{ message, code }`. */
export function errorResponse(thrown: unknown): Response {
  const err = asServiceError(thrown);
  if (err instanceof UploadTooLargeError) return Response.json({ message: err.message, code: "PAYLOAD_TOO_LARGE" }, { status: 413 });
  if (err instanceof ServiceError) return Response.json({ message: messageNamingField(err), code: err.code }, { status: HTTP_STATUS[err.code] });
  logger.error({ err }, "dataset request failed");
  return Response.json({ message: "Something went wrong on our side", code: "INTERNAL_SERVER_ERROR" }, { status: 500 });
}

/** The dataset name from the URL, decoded once more; a stray `%` ("100%") answers 400 instead of a URIError's 500. */
export function datasetNameParam(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new BadRequestError("must be percent-encoded UTF-8", { field: "name" });
  }
}
