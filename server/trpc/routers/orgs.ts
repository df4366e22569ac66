import { createOrg, CreateOrgInput } from "@/server/services/orgs/create-org";
import { permissionsFor } from "@/server/auth/permissions";
import { authedProcedure, orgProcedure, router } from "../init";
import { OrgOut } from "../outputs";

export const orgsRouter = router({
  create: authedProcedure
    .meta({ openapi: { method: "POST", path: "/orgs", tags: ["organizations"], summary: "Create an organization (you become its admin)" } })
    .input(CreateOrgInput)
    .output(OrgOut)
    .mutation(({ ctx, input }) => createOrg({ ctx: { db: ctx.db, actor: { userId: ctx.user.id, tokenOrgId: ctx.user.tokenOrgId } }, input })),
  /** The caller's view of one organization: its name, their roles and what those roles allow. */
  get: orgProcedure.query(({ ctx }) => ({ ...ctx.svc.org, roles: ctx.svc.roles, can: permissionsFor(ctx.svc.roles) })),
});
