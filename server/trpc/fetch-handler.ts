import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import type { TRPCError } from "@trpc/server";
import { TRPC_MAX_BATCH_SIZE } from "@/lib/trpc-batch";
import { TooManyRequestsError } from "@/server/services/errors";
import type { Context } from "./context";
import { appRouter } from "./root";

/** `Retry-After` for a response whose calls were throttled (the longest wait among them). */
function retryAfterHeader(errors: readonly TRPCError[]): Record<string, string> {
  const waits = errors.flatMap((e) => (e.cause instanceof TooManyRequestsError && e.cause.retryAfterSeconds ? [e.cause.retryAfterSeconds] : []));
  return waits.length > 0 ? { "retry-after": String(Math.max(...waits)) } : {};
}

/** Serves /api/trpc: batches over TRPC_MAX_BATCH_SIZE calls are refused whole (400) before any procedure runs. */
export function handleTrpcRequest(req: Request, createContext: (req: Request) => Promise<Context>): Promise<Response> {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    maxBatchSize: TRPC_MAX_BATCH_SIZE,
    createContext: () => createContext(req),
    responseMeta: ({ errors }) => ({ headers: retryAfterHeader(errors) }),
  });
}
