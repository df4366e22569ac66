import { createTRPCClient, httpLink } from "@trpc/client";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import superjson from "superjson";
import { z } from "zod";
import { logger } from "@/server/logger";
import { BadRequestError, ConflictError, ForbiddenError } from "@/server/services/errors";
import type { Context } from "../context";
import { publicProcedure, router } from "../init";

/** A small router on the real tRPC set-up (error formatter, service error mapping) for error-shape tests. */
const errorRouter = router({
  sprint: publicProcedure
    .input(z.object({ name: z.string().min(1, "must not be empty"), endDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date"), job: z.object({ spec: z.object({ command: z.string().min(1, "must not be empty") }) }) }))
    .mutation(() => "ok"),
  root: publicProcedure.input(z.object({ a: z.string(), b: z.string() }).refine((v) => v.a !== v.b, "a and b must differ")).mutation(() => "ok"),
  badField: publicProcedure.mutation(() => {
    throw new BadRequestError("must not be before startDate", { field: "endDate" });
  }),
  conflictField: publicProcedure.mutation(() => {
    throw new ConflictError("a dataset named x already exists in P", { field: "name" });
  }),
  forbidden: publicProcedure.mutation(() => {
    throw new ForbiddenError("Your role (viewer) does not allow you to plan sprints");
  }),
  crash: publicProcedure.mutation(() => {
    throw new Error("secret detail");
  }),
});

/** A real tRPC client whose requests go through the fetch adapter in-process: its errors are TRPCClientErrors. */
export function errorClient() {
  const createContext = (): Context => ({ db: null as never, user: null, authError: null, requestId: "req-1", log: logger });
  return createTRPCClient<typeof errorRouter>({
    links: [
      httpLink({
        url: "http://localhost/api/trpc",
        transformer: superjson,
        fetch: (url, init) => fetchRequestHandler({ endpoint: "/api/trpc", req: new Request(url, init as RequestInit), router: errorRouter, createContext }),
      }),
    ],
  });
}
