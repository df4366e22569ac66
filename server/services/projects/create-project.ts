import { z } from "zod";
import { text } from "@/lib/text";
import { BOARD_KINDS, projects } from "@/db/schema";
import { assertCan } from "@/server/auth/permissions";
import type { OrgContext } from "../context";
import { ConflictError, isUniqueViolation } from "../errors";
import { recordAudit } from "../audit/record-audit";
import { Name, ProjectKey } from "../schemas";
import { projectColumns } from "./list-projects";
import { createDefaultBoard } from "../agile/create-default-board";

export const CreateProjectInput = z.object({
  key: ProjectKey.describe("Short key used in card keys, e.g. CHURN"),
  name: Name,
  description: text().max(2000, "must be at most 2000 characters").default(""),
  boardKind: z.enum(BOARD_KINDS).default("scrum").describe("scrum (backlog and sprints) or kanban (continuous flow)"),
});
export type CreateProjectInput = z.infer<typeof CreateProjectInput>;

export async function createProject({ ctx, input }: { ctx: OrgContext; input: CreateProjectInput }) {
  assertCan(ctx.roles, "project.create");
  try {
    return await ctx.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(projects)
        .values({ key: input.key, name: input.name, description: input.description, orgId: ctx.org.id, createdBy: ctx.actor.userId })
        .returning(projectColumns);
      await createDefaultBoard(tx, row!.id, input.boardKind);
      await recordAudit(tx, {
        orgId: ctx.org.id,
        actorUserId: ctx.actor.userId,
        action: "project.create",
        targetType: "project",
        targetId: row!.id,
        data: { key: input.key, name: input.name },
      });
      return row!;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new ConflictError(`A project with key ${input.key} already exists in this organization`);
    throw err;
  }
}
