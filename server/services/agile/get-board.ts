import { type z } from "zod";
import { and, asc, eq, isNull, type SQL } from "drizzle-orm";
import { cards, sprints, users } from "@/db/schema";
import type { OrgContext } from "../context";
import { ProjectRef } from "../schemas";
import { cardSummary, getColumns, getProjectBoard, withKey } from "./internal";

export const GetBoardInput = ProjectRef;
export type GetBoardInput = z.infer<typeof GetBoardInput>;

/**
 * Columns with their cards in rank order. A Scrum board shows the active sprint (empty when none is
 * active); a Kanban board shows every card.
 */
export async function getBoard({ ctx, input }: { ctx: OrgContext; input: GetBoardInput }) {
  const pb = await getProjectBoard(ctx, input.key, "card.read");
  const columns = await getColumns(ctx.db, pb.boardId);
  const [activeSprint] =
    pb.kind === "scrum"
      ? await ctx.db.select().from(sprints).where(and(eq(sprints.boardId, pb.boardId), eq(sprints.state, "active"))).limit(1)
      : [];
  let scope: SQL | undefined = eq(cards.projectId, pb.projectId);
  if (pb.kind === "scrum") scope = activeSprint ? and(scope, eq(cards.sprintId, activeSprint.id)) : and(scope, isNull(cards.id));
  const rows = await ctx.db.select(cardSummary).from(cards).leftJoin(users, eq(users.id, cards.assigneeId)).where(scope).orderBy(asc(cards.rank));
  const byColumn = new Map(columns.map((c) => [c.id, [] as ReturnType<typeof withKey<(typeof rows)[number]>>[]]));
  for (const r of rows) byColumn.get(r.columnId)?.push(withKey(pb.projectKey, r));
  return {
    project: { id: pb.projectId, key: pb.projectKey, name: pb.projectName },
    board: { id: pb.boardId, kind: pb.kind },
    activeSprint: activeSprint ?? null,
    columns: columns.map((c) => ({
      id: c.id,
      name: c.name,
      category: c.category,
      wipLimit: c.wipLimit,
      wipStrict: c.wipStrict,
      cards: byColumn.get(c.id) ?? [],
    })),
  };
}
