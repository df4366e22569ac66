import { TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { TRPC_MAX_BATCH_SIZE } from "@/lib/trpc-batch";
import { messageNamingField, ServiceError, TooManyRequestsError } from "@/server/services/errors";
import type { Context } from "@/server/trpc/context";
import { appRouter } from "@/server/trpc/root";
import { BodyTooLargeError, MAX_JSON_BODY_BYTES, payloadTooLarge, withCappedBody } from "./body";

/** `Retry-After` for a response whose calls were throttled (the longest wait among them). */
function retryAfterHeader(errors: readonly TRPCError[]): Record<string, string> {
  const waits = errors.flatMap((e) => (e.cause instanceof TooManyRequestsError && e.cause.retryAfterSeconds ? [e.cause.retryAfterSeconds] : []));
  return waits.length > 0 ? { "retry-after": String(Math.max(...waits)) } : {};
}

/**
 * Serves /api/trpc. The body (a batch of inputs) is read under MAX_JSON_BODY_BYTES before tRPC
 * parses it; batches over TRPC_MAX_BATCH_SIZE calls are refused whole (400) before any procedure
 * runs; a context that refuses the caller (a cross-site cookie mutation) fails every call with its
 * status instead of a 500.
 */
export async function handleTrpcRequest(req: Request, createContext: (req: Request) => Promise<Context>): Promise<Response> {
  let capped: Request;
  try {
    capped = await withCappedBody(req, MAX_JSON_BODY_BYTES);
  } catch (err) {
    if (err instanceof BodyTooLargeError) return payloadTooLarge(err);
    throw err;
  }
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: capped,
    router: appRouter,
    maxBatchSize: TRPC_MAX_BATCH_SIZE,
    createContext: () =>
      createContext(capped).catch((err: unknown) => {
        throw err instanceof ServiceError ? new TRPCError({ code: err.code, message: messageNamingField(err), cause: err }) : err;
      }),
    responseMeta: ({ errors }) => ({ headers: retryAfterHeader(errors) }),
  });
}
