import { z } from "zod";
import { listMembers } from "@/server/services/members/list-members";
import { removeMember, RemoveMemberInput } from "@/server/services/members/remove-member";
import { updateMemberRoles, UpdateMemberRolesInput } from "@/server/services/members/update-member-roles";
import { RoleName } from "@/server/services/schemas";
import { orgProcedure, router } from "../init";
import { MemberOut } from "../outputs";

// People join by invitation (routers/invitations.ts); there is no way to add an account directly.
export const membersRouter = router({
  list: orgProcedure
    .meta({ openapi: { method: "GET", path: "/orgs/{org}/members", tags: ["members"], summary: "List members and their roles" } })
    .output(z.array(MemberOut))
    .query(({ ctx }) => listMembers({ ctx: ctx.svc })),
  updateRoles: orgProcedure
    .meta({ openapi: { method: "PATCH", path: "/orgs/{org}/members/{userId}", tags: ["members"], summary: "Replace a member's roles" } })
    .input(UpdateMemberRolesInput)
    .output(z.object({ userId: z.uuid(), roles: z.array(RoleName) }))
    .mutation(({ ctx, input }) => updateMemberRoles({ ctx: ctx.svc, input })),
  remove: orgProcedure
    .meta({ openapi: { method: "DELETE", path: "/orgs/{org}/members/{userId}", tags: ["members"], summary: "Remove a member (their tokens stop working at once)" } })
    .input(RemoveMemberInput)
    .output(z.object({ userId: z.uuid(), removed: z.literal(true) }))
    .mutation(({ ctx, input }) => removeMember({ ctx: ctx.svc, input })),
});
