import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { z } from "zod";
import type { OpenApiMeta } from "trpc-to-openapi";
import { resolveOrg } from "@/server/services/orgs/resolve-org";
import { asServiceError, messageNamingField, ServiceError } from "@/server/services/errors";
import { OrgSlug } from "@/server/services/schemas";
import type { Context } from "./context";
import { formatZodIssues, zodFieldErrors } from "@/server/services/format-issues";

const t = initTRPC
  .context<Context>()
  .meta<OpenApiMeta>()
  .create({
    transformer: superjson,
    isDev: false, // never send stack traces to clients
    /**
     * `data.fieldErrors` maps the dotted input path the client sent (`endDate`, `job.spec.command`)
     * to its message, from zod issues or a ServiceError's `field`; `message` names the fields too.
     */
    errorFormatter({ shape, error, ctx }) {
      if (error.code === "INTERNAL_SERVER_ERROR") {
        ctx?.log.error({ err: error.cause ?? error }, "internal error");
        return { ...shape, message: `Something went wrong on our side (request ${ctx?.requestId ?? "unknown"})`, data: { ...shape.data, fieldErrors: {} } };
      }
      const cause = error.cause;
      if (cause instanceof z.ZodError) {
        return { ...shape, message: formatZodIssues(cause.issues), data: { ...shape.data, fieldErrors: zodFieldErrors(cause.issues) } };
      }
      const fieldErrors: Record<string, string> = cause instanceof ServiceError && cause.field ? { [cause.field]: cause.message } : {};
      return { ...shape, data: { ...shape.data, fieldErrors } };
    },
  });

const mapServiceErrors = t.middleware(async ({ next }) => {
  const result = await next();
  const cause = result.ok ? undefined : asServiceError(result.error.cause);
  if (cause instanceof ServiceError) throw new TRPCError({ code: cause.code, message: messageNamingField(cause), cause });
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(mapServiceErrors);

export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: ctx.authError ?? "Sign in or send a valid API token" });
  return next({ ctx: { ...ctx, user: ctx.user } });
});

/** Every org-scoped procedure takes `org` (a slug) and runs with the caller's membership there. */
export const orgProcedure = authedProcedure.input(z.object({ org: OrgSlug })).use(async ({ ctx, input, next }) => {
  const orgCtx = await resolveOrg(ctx.db, { userId: ctx.user.id, slug: input.org, tokenOrgId: ctx.user.tokenOrgId });
  return next({ ctx: { ...ctx, svc: orgCtx } });
});
