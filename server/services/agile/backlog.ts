import { z } from "zod";
import { and, asc, eq, isNull, ne, or } from "drizzle-orm";
import { boardColumns, cards, sprints, users } from "@/db/schema";
import { assertCan } from "@/server/auth/permissions";
import type { OrgContext } from "../context";
import { BadRequestError } from "../errors";
import { ProjectRef } from "../schemas";
import { cardSummary, getCardByKey, getProjectBoard, recordCardEvents, withKey, type CardEventInput } from "./internal";
import { notifyProject } from "./notify";
import { rankForPlacement } from "./place-card";
import { CardKey } from "./schemas";

export const GetBacklogInput = ProjectRef;

/**
 * The Scrum planning view: open sprints (active first, then planned) with their cards, the ranked
 * backlog (cards in no sprint and not done), and the team's recent velocity.
 */
export async function getBacklog({ ctx, input }: { ctx: OrgContext; input: z.infer<typeof GetBacklogInput> }) {
  const pb = await getProjectBoard(ctx, input.key, "card.read");
  const boardSprints = await ctx.db.select().from(sprints).where(eq(sprints.boardId, pb.boardId)).orderBy(asc(sprints.createdAt));
  const open = boardSprints.filter((s) => s.state !== "closed").sort((a, b) => (a.state === "active" ? -1 : b.state === "active" ? 1 : 0));
  const closed = boardSprints.filter((s) => s.state === "closed");
  const rows = await ctx.db
    .select({ ...cardSummary, category: boardColumns.category, columnName: boardColumns.name })
    .from(cards)
    .innerJoin(boardColumns, eq(boardColumns.id, cards.columnId))
    .leftJoin(users, eq(users.id, cards.assigneeId))
    .leftJoin(sprints, eq(sprints.id, cards.sprintId))
    .where(and(eq(cards.projectId, pb.projectId), or(isNull(cards.sprintId), ne(sprints.state, "closed"))))
    .orderBy(asc(cards.rank));
  const list = rows.map((r) => withKey(pb.projectKey, r));
  const recent = closed.slice(-3);
  return {
    project: { id: pb.projectId, key: pb.projectKey, name: pb.projectName },
    board: { id: pb.boardId, kind: pb.kind },
    sprints: open.map((s) => ({ ...s, cards: list.filter((c) => c.sprintId === s.id) })),
    backlog: list.filter((c) => c.sprintId === null && c.category !== "done"),
    velocity: {
      recent: recent.map((s) => ({ name: s.name, committed: s.committedPoints ?? 0, completed: s.completedPoints ?? 0 })),
      average: recent.length ? Math.round(recent.reduce((sum, s) => sum + (s.completedPoints ?? 0), 0) / recent.length) : null,
    },
    closedSprintCount: closed.length,
  };
}

export const PlanCardInput = z.object({
  cardKey: CardKey,
  sprintId: z.uuid("must be a sprint id").nullable().describe("Sprint to plan the card into, or null for the backlog"),
  before: CardKey.optional().describe("Key of the card it goes right before"),
  after: CardKey.optional().describe("Key of the card it goes right after"),
});
export type PlanCardInput = z.infer<typeof PlanCardInput>;

/** Ranks a card in the backlog or a sprint (drag and drop in the planning view). */
export async function planCard({ ctx, input }: { ctx: OrgContext; input: PlanCardInput }) {
  assertCan(ctx.roles, "card.write");
  return ctx.db.transaction(async (tx) => {
    const c = { ...ctx, db: tx };
    const { card, projectKey, boardId } = await getCardByKey(c, input.cardKey, { lock: true });
    if (input.sprintId) {
      const [s] = await tx.select().from(sprints).where(and(eq(sprints.id, input.sprintId), eq(sprints.boardId, boardId)));
      if (!s) throw new BadRequestError("is not a sprint of this board", { field: "sprintId" });
      if (s.state === "closed") throw new BadRequestError("the sprint is closed", { field: "sprintId" });
    }
    const rank = await rankForPlacement(c, card, input, () => undefined);
    const events: CardEventInput[] = [];
    if (card.sprintId !== input.sprintId) events.push({ field: "sprintId", from: card.sprintId, to: input.sprintId });
    if (rank !== card.rank) events.push({ field: "rank", from: card.rank, to: rank });
    if (events.length === 0) return withKey(projectKey, card);
    const [planned] = await tx
      .update(cards)
      .set({ sprintId: input.sprintId, rank, updatedAt: new Date(), updatedBy: ctx.actor.userId })
      .where(eq(cards.id, card.id))
      .returning();
    await recordCardEvents(tx, card, ctx.actor.userId, events);
    await notifyProject(tx, { projectId: card.projectId, topic: "card", cardId: card.id, actorUserId: ctx.actor.userId });
    return withKey(projectKey, planned!);
  });
}
