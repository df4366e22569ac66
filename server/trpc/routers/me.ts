import { listMyOrgs } from "@/server/services/orgs/list-my-orgs";
import { authedProcedure, router } from "../init";
import { MeOut } from "../outputs";

export const meRouter = router({
  get: authedProcedure
    .meta({ openapi: { method: "GET", path: "/me", tags: ["account"], summary: "The caller and their organizations with roles" } })
    .output(MeOut)
    .query(async ({ ctx }) => ({
      user: { id: ctx.user.id, email: ctx.user.email, name: ctx.user.name },
      organizations: await listMyOrgs({ ctx: { db: ctx.db, actor: { userId: ctx.user.id } }, onlyOrgId: ctx.user.tokenOrgId }),
    })),
});
