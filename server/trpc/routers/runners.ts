import { z } from "zod";
import { createRegistrationToken, CreateRegistrationTokenInput } from "@/server/services/runners/create-registration-token";
import {
  drainRunner,
  listRegistrationTokens,
  listRunners,
  removeRunner,
  revokeRegistrationToken,
} from "@/server/services/runners/runners-admin";
import { RegistrationTokenOut, RunnerOut, RunnerRef } from "@/server/services/runners/schemas";
import { orgProcedure, router } from "../init";

const tags = ["runners"];

export const runnersRouter = router({
  list: orgProcedure
    .meta({ openapi: { method: "GET", path: "/orgs/{org}/runners", tags, summary: "Runners: online state, labels, resources, running jobs" } })
    .output(z.array(RunnerOut))
    .query(({ ctx }) => listRunners({ ctx: ctx.svc })),
  drain: orgProcedure
    .meta({ openapi: { method: "POST", path: "/orgs/{org}/runners/{runnerId}/drain", tags, summary: "Drain a runner (drain: false resumes it)" } })
    .input(RunnerRef.extend({ drain: z.boolean().default(true) }))
    .output(z.object({ id: z.uuid(), status: z.enum(["active", "draining"]) }))
    .mutation(({ ctx, input }) => drainRunner({ ctx: ctx.svc, input })),
  remove: orgProcedure
    .meta({ openapi: { method: "DELETE", path: "/orgs/{org}/runners/{runnerId}", tags, summary: "Remove a runner; its token stops working" } })
    .input(RunnerRef)
    .output(z.object({ id: z.uuid(), removed: z.literal(true) }))
    .mutation(({ ctx, input }) => removeRunner({ ctx: ctx.svc, input })),
  registrationTokens: orgProcedure
    .meta({ openapi: { method: "GET", path: "/orgs/{org}/runner-registration-tokens", tags, summary: "Runner registration tokens (admins)" } })
    .output(z.array(RegistrationTokenOut))
    .query(({ ctx }) => listRegistrationTokens({ ctx: ctx.svc })),
  createRegistrationToken: orgProcedure
    .meta({ openapi: { method: "POST", path: "/orgs/{org}/runner-registration-tokens", tags, summary: "Create a registration token (the secret is returned once)" } })
    .input(CreateRegistrationTokenInput)
    .output(z.object({ id: z.uuid(), name: z.string(), prefix: z.string(), token: z.string() }))
    .mutation(({ ctx, input }) => createRegistrationToken({ ctx: ctx.svc, input })),
  revokeRegistrationToken: orgProcedure
    .meta({ openapi: { method: "DELETE", path: "/orgs/{org}/runner-registration-tokens/{tokenId}", tags, summary: "Revoke a registration token" } })
    .input(z.object({ tokenId: z.uuid() }))
    .output(z.object({ id: z.uuid(), revoked: z.literal(true) }))
    .mutation(({ ctx, input }) => revokeRegistrationToken({ ctx: ctx.svc, input })),
});
