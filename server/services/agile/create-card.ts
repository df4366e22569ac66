import { z } from "zod";
import { and, desc, eq } from "drizzle-orm";
import { cards, sprints } from "@/db/schema";
import { assertCan } from "@/server/auth/permissions";
import type { OrgContext } from "../context";
import { BadRequestError } from "../errors";
import { ProjectKey } from "../schemas";
import { assertAssignable, getColumns, getProjectBoard, nextCardNumber, recordCardEvents, withKey } from "./internal";
import { notifyProject } from "./notify";
import { rankBetween } from "./ranks";
import { CardFields, Title } from "./schemas";

export const CreateCardInput = CardFields.partial().extend({
  key: ProjectKey.describe("Project key"),
  title: Title,
  column: z.uuid("must be a column id").optional().describe("Column id; default: the board's first column"),
  sprintId: z.uuid("must be a sprint id").nullable().optional().describe("Sprint to plan the card into; default: backlog"),
});
export type CreateCardInput = z.infer<typeof CreateCardInput>;

/** Creates a card at the bottom of its column with the next number of the project's sequence. */
export async function createCard({ ctx, input }: { ctx: OrgContext; input: CreateCardInput }) {
  assertCan(ctx.roles, "card.write");
  return ctx.db.transaction(async (tx) => {
    const c = { ...ctx, db: tx };
    const pb = await getProjectBoard(c, input.key, "card.write");
    const columns = await getColumns(tx, pb.boardId);
    const column = input.column ? columns.find((col) => col.id === input.column) : columns[0];
    if (!column) throw new BadRequestError("is not a column of this board", { field: "column" });
    if (input.sprintId) {
      const [s] = await tx.select({ state: sprints.state }).from(sprints).where(and(eq(sprints.id, input.sprintId), eq(sprints.boardId, pb.boardId)));
      if (!s) throw new BadRequestError("is not a sprint of this board", { field: "sprintId" });
      if (s.state === "closed") throw new BadRequestError("the sprint is closed", { field: "sprintId" });
    }
    await assertAssignable(c, input.assigneeId);
    // Taking the number locks the project row, so concurrent creates read the last rank in turn.
    const number = await nextCardNumber(tx, pb.projectId);
    const [last] = await tx.select({ rank: cards.rank }).from(cards).where(eq(cards.projectId, pb.projectId)).orderBy(desc(cards.rank)).limit(1);
    const [card] = await tx
      .insert(cards)
      .values({
        orgId: ctx.org.id,
        projectId: pb.projectId,
        number,
        title: input.title,
        description: input.description ?? "",
        type: input.type ?? "task",
        stage: input.stage ?? null,
        role: input.role ?? null,
        assigneeId: input.assigneeId ?? null,
        points: input.points ?? null,
        priority: input.priority ?? "none",
        labels: [...new Set(input.labels ?? [])],
        dueDate: input.dueDate ?? null,
        columnId: column.id,
        sprintId: input.sprintId ?? null,
        rank: rankBetween(last?.rank ?? null, null),
        createdBy: ctx.actor.userId,
        updatedBy: ctx.actor.userId,
      })
      .returning();
    await recordCardEvents(tx, card!, ctx.actor.userId, [
      { kind: "created", field: null, from: null, to: { columnId: card!.columnId, sprintId: card!.sprintId, points: card!.points, title: card!.title } },
    ]);
    await notifyProject(tx, { projectId: pb.projectId, topic: "card", cardId: card!.id, actorUserId: ctx.actor.userId });
    return withKey(pb.projectKey, card!);
  });
}
