import type { z } from "zod";
import type { Db } from "@/server/services/domain";
import { asServiceError, messageNamingField, ServiceError, type ServiceErrorCode } from "@/server/services/errors";
import { logger } from "@/server/logger";
import { BodyTooLargeError, MAX_JSON_BODY_BYTES, readBodyText } from "@/server/http/body";
import { formatZodIssues } from "@/server/services/format-issues";
import type { ArtifactStore } from "@/server/storage/artifact-store";
import { authenticateMlflow } from "./auth";
import { matchRoute } from "./routes";
import { RawJson } from "./serialize";

export const MAX_BODY_BYTES = MAX_JSON_BODY_BYTES;

/** MLflow error codes and the HTTP statuses MLflow's own server pairs them with (RESOURCE_ALREADY_EXISTS is 400). */
const MLFLOW_ERRORS: Record<ServiceErrorCode, [string, number]> = {
  BAD_REQUEST: ["INVALID_PARAMETER_VALUE", 400],
  UNAUTHORIZED: ["UNAUTHENTICATED", 401],
  FORBIDDEN: ["PERMISSION_DENIED", 403],
  NOT_FOUND: ["RESOURCE_DOES_NOT_EXIST", 404],
  CONFLICT: ["RESOURCE_ALREADY_EXISTS", 400],
  TOO_MANY_REQUESTS: ["REQUEST_LIMIT_EXCEEDED", 429],
};

export function mlflowError(errorCode: string, message: string, status: number) {
  return Response.json({ error_code: errorCode, message }, { status });
}

function queryInput(req: Request) {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of new URL(req.url).searchParams) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

/** GET reads the query; DELETE the query and, as MLflow's Python client sends it, a JSON body. */
async function readInput(req: Request): Promise<unknown> {
  if (req.method === "GET") return queryInput(req);
  if (req.method === "DELETE") {
    const body = req.body ? await readBody(req) : {};
    return { ...queryInput(req), ...(typeof body === "object" && body !== null ? body : {}) };
  }
  return readBody(req);
}

async function readBody(req: Request): Promise<unknown> {
  const text = await readBodyText(req, MAX_BODY_BYTES).catch((err: unknown) => {
    throw err instanceof BodyTooLargeError ? new BodyError(err.message, "INVALID_PARAMETER_VALUE", 413) : err;
  });
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new BodyError("Malformed JSON in request body", "BAD_REQUEST");
  }
}

class BodyError extends Error {
  constructor(
    message: string,
    readonly errorCode = "INVALID_PARAMETER_VALUE",
    readonly status = 400,
  ) {
    super(message);
  }
}

/**
 * Serves `/mlflow/<org>/<project>/api/2.0/mlflow/<path>`: authenticate, validate with zod, call one
 * service verb, answer in MLflow's JSON shapes; every failure becomes `{error_code, message}`.
 */
export async function handleMlflowRequest(
  req: Request,
  { db, store, org, project, path }: { db: Db; store: ArtifactStore; org: string; project: string; path: string },
): Promise<Response> {
  const match = matchRoute(path, req.method);
  if (!match) return mlflowError("ENDPOINT_NOT_FOUND", `No ${req.method} endpoint at /api/2.0/mlflow/${path}`, 404);
  try {
    const ctx = { ...(await authenticateMlflow(db, req, org, project)), store };
    const input = await readInput(req);
    const merged = typeof input === "object" && input !== null ? { ...input, ...match.params } : input;
    const parsed = (match.route.schema as z.ZodType).safeParse(merged);
    if (!parsed.success) return mlflowError("INVALID_PARAMETER_VALUE", formatZodIssues(parsed.error.issues), 400);
    const out = await match.route.handle(ctx, parsed.data);
    if (out instanceof RawJson) return new Response(out.text, { headers: { "content-type": "application/json" } });
    return Response.json(out);
  } catch (err) {
    return mlflowErrorResponse(err, path);
  }
}

/** One place that turns service and body errors into MLflow's `{error_code, message}` with its HTTP status. */
export function mlflowErrorResponse(thrown: unknown, path: string): Response {
  const err = asServiceError(thrown);
  if (err instanceof ServiceError) {
    const [code, status] = MLFLOW_ERRORS[err.code];
    return mlflowError(code, messageNamingField(err), status);
  }
  if (err instanceof BodyError) return mlflowError(err.errorCode, err.message, err.status);
  logger.error({ err, path }, "mlflow request failed");
  return mlflowError("INTERNAL_ERROR", "Something went wrong on our side", 500);
}
