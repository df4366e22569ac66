import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { boardColumns, boards, cardEvents, cards, memberships, projects, users } from "@/db/schema";
import type { Action } from "@/server/auth/permissions";
import type { OrgContext } from "../context";
import { BadRequestError, NotFoundError } from "../errors";
import { projectScope } from "../projects/project-scope";

export function cardKeyParts(cardKey: string): { projectKey: string; number: number } {
  const dash = cardKey.lastIndexOf("-");
  return { projectKey: cardKey.slice(0, dash), number: Number(cardKey.slice(dash + 1)) };
}

/** The project (by key, once the caller's roles allow `action`) and its board, inside the caller's organization. */
export async function getProjectBoard(ctx: OrgContext, projectKey: string, action: Action) {
  const { project } = await projectScope(ctx, projectKey, action);
  const [board] = await ctx.db.select({ id: boards.id, kind: boards.kind }).from(boards).where(eq(boards.projectId, project.id)).limit(1);
  if (!board) throw new NotFoundError(`Project ${projectKey}`);
  return { projectId: project.id, projectKey: project.key, projectName: project.name, boardId: board.id, kind: board.kind };
}

export async function getColumns(db: Db, boardId: string) {
  return db.select().from(boardColumns).where(eq(boardColumns.boardId, boardId)).orderBy(asc(boardColumns.position));
}

/** A card by key inside the caller's organization, optionally locked for update. */
export async function getCardByKey(ctx: OrgContext, cardKey: string, { lock = false } = {}) {
  const { projectKey, number } = cardKeyParts(cardKey);
  const q = ctx.db
    .select({ card: cards, projectKey: projects.key, boardId: boards.id, boardKind: boards.kind })
    .from(cards)
    .innerJoin(projects, eq(projects.id, cards.projectId))
    .innerJoin(boards, eq(boards.projectId, projects.id))
    .where(and(eq(cards.orgId, ctx.org.id), eq(projects.key, projectKey), eq(cards.number, number)))
    .limit(1);
  const [row] = lock ? await q.for("update", { of: cards }) : await q;
  if (!row) throw new NotFoundError(`Card ${cardKey}`);
  return row;
}

/** The assignee must be a member of the organization. */
export async function assertAssignable(ctx: OrgContext, userId: string | null | undefined) {
  if (!userId) return;
  const [m] = await ctx.db
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.orgId, ctx.org.id), eq(memberships.userId, userId)))
    .limit(1);
  if (!m) throw new BadRequestError("is not a member of this organization", { field: "assigneeId" });
}

export async function nextCardNumber(db: Db, projectId: string): Promise<number> {
  const [row] = await db
    .update(projects)
    .set({ cardSeq: sql`${projects.cardSeq} + 1` })
    .where(eq(projects.id, projectId))
    .returning({ n: projects.cardSeq });
  return row!.n;
}

export type CardEventInput = { field: string | null; from: unknown; to: unknown; kind?: "created" | "changed" | "commented" };

export async function recordCardEvents(
  db: Db,
  card: { id: string; projectId: string },
  actorUserId: string,
  events: CardEventInput[],
  at = new Date(),
) {
  if (events.length === 0) return;
  await db.insert(cardEvents).values(
    events.map((e) => ({
      cardId: card.id,
      projectId: card.projectId,
      actorUserId,
      kind: e.kind ?? ("changed" as const),
      field: e.field,
      from: e.from ?? null,
      to: e.to ?? null,
      at,
    })),
  );
}

export const cardSummary = {
  id: cards.id,
  number: cards.number,
  title: cards.title,
  type: cards.type,
  stage: cards.stage,
  role: cards.role,
  assigneeId: cards.assigneeId,
  assigneeName: users.name,
  points: cards.points,
  priority: cards.priority,
  labels: cards.labels,
  dueDate: cards.dueDate,
  columnId: cards.columnId,
  sprintId: cards.sprintId,
  rank: cards.rank,
  version: cards.version,
  updatedAt: cards.updatedAt,
};

export function withKey<T extends { number: number }>(projectKey: string, card: T) {
  return { key: `${projectKey}-${card.number}`, ...card };
}
