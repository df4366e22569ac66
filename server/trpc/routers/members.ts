import { z } from "zod";
import { addMember, AddMemberInput } from "@/server/services/members/add-member";
import { listMembers } from "@/server/services/members/list-members";
import { removeMember, RemoveMemberInput } from "@/server/services/members/remove-member";
import { updateMemberRoles, UpdateMemberRolesInput } from "@/server/services/members/update-member-roles";
import { RoleName } from "@/server/services/schemas";
import { orgProcedure, router } from "../init";
import { MemberOut } from "../outputs";

export const membersRouter = router({
  list: orgProcedure
    .meta({ openapi: { method: "GET", path: "/orgs/{org}/members", tags: ["members"], summary: "List members and their roles" } })
    .output(z.array(MemberOut))
    .query(({ ctx }) => listMembers({ ctx: ctx.svc })),
  add: orgProcedure
    .meta({ openapi: { method: "POST", path: "/orgs/{org}/members", tags: ["members"], summary: "Add an existing account by email" } })
    .input(AddMemberInput)
    .output(z.object({ userId: z.uuid(), email: z.string(), name: z.string(), roles: z.array(RoleName) }))
    .mutation(({ ctx, input }) => addMember({ ctx: ctx.svc, input })),
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
