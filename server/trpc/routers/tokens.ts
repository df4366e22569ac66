import { z } from "zod";
import { createApiToken, CreateApiTokenInput } from "@/server/services/tokens/create-api-token";
import { listApiTokens } from "@/server/services/tokens/list-api-tokens";
import { revokeApiToken, RevokeApiTokenInput } from "@/server/services/tokens/revoke-api-token";
import { orgProcedure, router } from "../init";
import { ApiTokenOut } from "../outputs";

export const tokensRouter = router({
  list: orgProcedure
    .meta({ openapi: { method: "GET", path: "/orgs/{org}/tokens", tags: ["tokens"], summary: "Your API tokens in this organization" } })
    .output(z.array(ApiTokenOut))
    .query(({ ctx }) => listApiTokens({ ctx: ctx.svc })),
  create: orgProcedure
    .meta({ openapi: { method: "POST", path: "/orgs/{org}/tokens", tags: ["tokens"], summary: "Create an API token (the secret is returned once)" } })
    .input(CreateApiTokenInput)
    .output(z.object({ id: z.uuid(), name: z.string(), prefix: z.string(), createdAt: z.date(), token: z.string() }))
    .mutation(({ ctx, input }) => createApiToken({ ctx: ctx.svc, input })),
  revoke: orgProcedure
    .meta({ openapi: { method: "DELETE", path: "/orgs/{org}/tokens/{tokenId}", tags: ["tokens"], summary: "Revoke one of your API tokens" } })
    .input(RevokeApiTokenInput)
    .output(z.object({ id: z.uuid(), revoked: z.literal(true) }))
    .mutation(({ ctx, input }) => revokeApiToken({ ctx: ctx.svc, input })),
});
