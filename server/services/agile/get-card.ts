import { z } from "zod";
import { and, asc, eq, inArray } from "drizzle-orm";
import { boardColumns, cardComments, cardEvents, sprints, users } from "@/db/schema";
import { assertCan } from "@/server/auth/permissions";
import type { OrgContext } from "../context";
import { getCardByKey, withKey } from "./internal";
import { CardKey } from "./schemas";

export const GetCardInput = z.object({ cardKey: CardKey });
export type GetCardInput = z.infer<typeof GetCardInput>;

/** A card with its column, sprint, comments and full history. */
export async function getCard({ ctx, input }: { ctx: OrgContext; input: GetCardInput }) {
  assertCan(ctx.roles, "card.read");
  const { card, projectKey, boardId } = await getCardByKey(ctx, input.cardKey);
  const [[column], [sprint], [assignee], history, comments] = await Promise.all([
    ctx.db.select({ id: boardColumns.id, name: boardColumns.name, category: boardColumns.category }).from(boardColumns).where(eq(boardColumns.id, card.columnId)),
    card.sprintId ? ctx.db.select({ id: sprints.id, name: sprints.name, state: sprints.state }).from(sprints).where(eq(sprints.id, card.sprintId)) : Promise.resolve([]),
    card.assigneeId ? ctx.db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(eq(users.id, card.assigneeId)) : Promise.resolve([]),
    ctx.db
      .select({ id: cardEvents.id, kind: cardEvents.kind, field: cardEvents.field, from: cardEvents.from, to: cardEvents.to, at: cardEvents.at, actorName: users.name })
      .from(cardEvents)
      .leftJoin(users, eq(users.id, cardEvents.actorUserId))
      .where(eq(cardEvents.cardId, card.id))
      .orderBy(asc(cardEvents.at), asc(cardEvents.seq)),
    ctx.db
      .select({ id: cardComments.id, body: cardComments.body, createdAt: cardComments.createdAt, authorName: users.name })
      .from(cardComments)
      .leftJoin(users, eq(users.id, cardComments.authorId))
      .where(eq(cardComments.cardId, card.id))
      .orderBy(asc(cardComments.createdAt)),
  ]);
  // Name every sprint the history mentions, so it can say "moved from Sprint 3 to Sprint 4".
  const sprintIds = new Set<string>();
  for (const h of history) {
    if (h.field === "sprintId") for (const v of [h.from, h.to]) if (typeof v === "string") sprintIds.add(v);
    const created = h.kind === "created" ? (h.to as { sprintId?: unknown } | null) : null;
    if (typeof created?.sprintId === "string") sprintIds.add(created.sprintId);
  }
  const historySprints = sprintIds.size
    ? await ctx.db.select({ id: sprints.id, name: sprints.name }).from(sprints).where(and(inArray(sprints.id, [...sprintIds]), eq(sprints.boardId, boardId)))
    : [];
  return {
    ...withKey(projectKey, card),
    historySprints,
    column: column!,
    sprint: sprint ?? null,
    assignee: assignee ?? null,
    history: history.map((h) => ({ ...h, from: h.from as unknown, to: h.to as unknown })),
    comments,
  };
}
