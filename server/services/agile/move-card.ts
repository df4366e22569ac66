import { z } from "zod";
import { and, count, eq, ne, type SQL } from "drizzle-orm";
import { boardColumns, cards } from "@/db/schema";
import { assertCan } from "@/server/auth/permissions";
import type { OrgContext } from "../context";
import { BadRequestError, ConflictError, NotFoundError } from "../errors";
import { assertAssignable, getCardByKey, recordCardEvents, withKey, type CardEventInput } from "./internal";
import { notifyProject } from "./notify";
import { rankForPlacement } from "./place-card";
import { CardKey, CardRole } from "./schemas";

export const MoveCardInput = z.object({
  cardKey: CardKey,
  column: z.uuid("must be a column id").describe("Target column id"),
  before: CardKey.optional().describe("Key of the card the moved card goes right before"),
  after: CardKey.optional().describe("Key of the card the moved card goes right after"),
  role: CardRole.nullable().optional().describe("New responsible role, when the card is dropped into another role swimlane"),
  assigneeId: z.uuid("must be a user id").nullable().optional().describe("New assignee, when the card is dropped into another assignee swimlane"),
});
export type MoveCardInput = z.infer<typeof MoveCardInput>;

/** Moves a card to a column and position (and swimlane). Writes one card row; strict WIP limits refuse the move. */
export async function moveCard({ ctx, input }: { ctx: OrgContext; input: MoveCardInput }) {
  assertCan(ctx.roles, "card.write");
  return ctx.db.transaction(async (tx) => {
    const c = { ...ctx, db: tx };
    const { card, projectKey, boardId } = await getCardByKey(c, input.cardKey, { lock: true });
    const [column] = await tx.select().from(boardColumns).where(eq(boardColumns.id, input.column)).for("update");
    if (!column) throw new BadRequestError("no such column on this board", { field: "column" });
    if (column.boardId !== boardId) throw new NotFoundError("Column");

    const changesColumn = column.id !== card.columnId;
    if (changesColumn && column.wipLimit !== null && column.wipStrict) {
      // WIP counts what the board shows: for Scrum, the cards of the card's sprint.
      const scope: SQL[] = [eq(cards.columnId, column.id), ne(cards.id, card.id)];
      if (card.sprintId) scope.push(eq(cards.sprintId, card.sprintId));
      const [inColumn] = await tx.select({ n: count() }).from(cards).where(and(...scope));
      if ((inColumn?.n ?? 0) + 1 > column.wipLimit) {
        throw new ConflictError(`"${column.name}" is at its WIP limit of ${column.wipLimit}: finish or move a card out first`);
      }
    }
    const rank = await rankForPlacement(c, card, input, (n, field) => {
      if (n.columnId !== column.id) throw new BadRequestError(`${field === "before" ? input.before : input.after} is not in that column`, { field });
    });
    const events: CardEventInput[] = [];
    if (changesColumn) events.push({ field: "columnId", from: card.columnId, to: column.id });
    else if (rank !== card.rank) events.push({ field: "rank", from: card.rank, to: rank });
    // A drop into another swimlane changes the lane's field in the same write.
    const lane: { role?: string | null; assigneeId?: string | null } = {};
    if (input.role !== undefined && input.role !== card.role) {
      lane.role = input.role;
      events.push({ field: "role", from: card.role, to: input.role });
    }
    if (input.assigneeId !== undefined && input.assigneeId !== card.assigneeId) {
      await assertAssignable(c, input.assigneeId);
      lane.assigneeId = input.assigneeId;
      events.push({ field: "assigneeId", from: card.assigneeId, to: input.assigneeId });
    }
    if (events.length === 0) return withKey(projectKey, card);
    const contentChanged = Object.keys(lane).length > 0;
    const [moved] = await tx
      .update(cards)
      .set({ columnId: column.id, rank, ...lane, ...(contentChanged ? { version: card.version + 1 } : {}), updatedAt: new Date(), updatedBy: ctx.actor.userId })
      .where(eq(cards.id, card.id))
      .returning();
    await recordCardEvents(tx, card, ctx.actor.userId, events);
    await notifyProject(tx, { projectId: card.projectId, topic: "card", cardId: card.id, actorUserId: ctx.actor.userId });
    return withKey(projectKey, moved!);
  });
}
