import { z } from "zod";
import { text } from "@/lib/text";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { boardColumns, boards, cards, projects, sprints } from "@/db/schema";
import { assertCan } from "@/server/auth/permissions";
import type { OrgContext } from "../context";
import { BadRequestError, ConflictError, NotFoundError, isUniqueViolation } from "../errors";
import { ProjectKey, ProjectRef } from "../schemas";
import { getProjectBoard, recordCardEvents } from "./internal";
import { notifyProject } from "./notify";
import { IsoDate } from "./schemas";

const SprintFields = z.object({
  name: text().trim().min(1, "must not be empty").max(80, "must be at most 80 characters"),
  goal: text().trim().max(500, "must be at most 500 characters").default(""),
  startDate: IsoDate.nullable().default(null),
  endDate: IsoDate.nullable().default(null),
});

export const CreateSprintInput = SprintFields.extend({ key: ProjectKey });
export type CreateSprintInput = z.infer<typeof CreateSprintInput>;
export const SprintRef = z.object({ sprintId: z.uuid("must be a sprint id") });
export const StartSprintInput = SprintRef.extend({ startDate: IsoDate.optional(), endDate: IsoDate.optional() });
export type StartSprintInput = z.infer<typeof StartSprintInput>;
export const CompleteSprintInput = SprintRef.extend({
  moveUnfinishedTo: z
    .union([z.literal("backlog"), z.literal("next"), z.uuid()])
    .default("backlog")
    .describe('"backlog", "next" (the next planned sprint, created if none) or a planned sprint id'),
});
export type CompleteSprintInput = z.infer<typeof CompleteSprintInput>;

function checkDates(start: string | null | undefined, end: string | null | undefined) {
  if (start && end && end < start) throw new BadRequestError("must not be before startDate", { field: "endDate" });
}

/** A sprint of a board in the caller's organization (with its project), locked for the change. */
async function lockSprint(ctx: OrgContext, sprintId: string) {
  const [row] = await ctx.db
    .select({ sprint: sprints, projectId: projects.id })
    .from(sprints)
    .innerJoin(boards, eq(boards.id, sprints.boardId))
    .innerJoin(projects, eq(projects.id, boards.projectId))
    .where(and(eq(sprints.id, sprintId), eq(projects.orgId, ctx.org.id)))
    .for("update", { of: sprints });
  if (!row) throw new NotFoundError("Sprint");
  return { ...row.sprint, projectId: row.projectId };
}

export async function createSprint({ ctx, input }: { ctx: OrgContext; input: CreateSprintInput }) {
  assertCan(ctx.roles, "sprint.manage");
  checkDates(input.startDate, input.endDate);
  return ctx.db.transaction(async (tx) => {
    const pb = await getProjectBoard({ ...ctx, db: tx }, input.key, "sprint.manage");
    if (pb.kind !== "scrum") throw new BadRequestError("this project's board is Kanban; switch it to Scrum to plan sprints", { field: "key" });
    const [sprint] = await tx
      .insert(sprints)
      .values({ boardId: pb.boardId, name: input.name, goal: input.goal, startDate: input.startDate, endDate: input.endDate })
      .returning();
    await notifyProject(tx, { projectId: pb.projectId, topic: "sprint", actorUserId: ctx.actor.userId });
    return sprint!;
  });
}

export const ListSprintsInput = ProjectRef;

export async function listSprints({ ctx, input }: { ctx: OrgContext; input: z.infer<typeof ListSprintsInput> }) {
  const pb = await getProjectBoard(ctx, input.key, "card.read");
  const rows = await ctx.db
    .select({
      sprint: sprints,
      points: sql<number>`coalesce(sum(${cards.points}), 0)::int`,
      cardCount: sql<number>`count(${cards.id})::int`,
    })
    .from(sprints)
    .leftJoin(cards, eq(cards.sprintId, sprints.id))
    .where(eq(sprints.boardId, pb.boardId))
    .groupBy(sprints.id)
    .orderBy(asc(sprints.createdAt));
  return rows.map((r) => ({ ...r.sprint, points: r.points, cardCount: r.cardCount }));
}

/** Starts a planned sprint, freezing its committed points. One active sprint per board. */
export async function startSprint({ ctx, input }: { ctx: OrgContext; input: StartSprintInput }) {
  assertCan(ctx.roles, "sprint.manage");
  try {
    return await ctx.db.transaction(async (tx) => {
      const c = { ...ctx, db: tx };
      const sprint = await lockSprint(c, input.sprintId);
      if (sprint.state !== "planned") throw new ConflictError(`Sprint "${sprint.name}" is ${sprint.state}; only a planned sprint can start`);
      const startDate = input.startDate ?? sprint.startDate ?? new Date().toISOString().slice(0, 10);
      const endDate = input.endDate ?? sprint.endDate ?? new Date(Date.parse(startDate) + 14 * 86_400_000).toISOString().slice(0, 10);
      checkDates(startDate, endDate);
      const [committed] = await tx.select({ points: sql<number>`coalesce(sum(${cards.points}), 0)::int` }).from(cards).where(eq(cards.sprintId, sprint.id));
      const [started] = await tx
        .update(sprints)
        .set({ state: "active", startedAt: new Date(), startDate, endDate, committedPoints: committed?.points ?? 0 })
        .where(eq(sprints.id, sprint.id))
        .returning();
      await notifyProject(tx, { projectId: sprint.projectId, topic: "sprint", actorUserId: ctx.actor.userId });
      return started!;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new ConflictError("Another sprint is already active on this board: complete it first");
    throw err;
  }
}

/** Completes the active sprint; unfinished cards go to the backlog or another sprint. */
export async function completeSprint({ ctx, input }: { ctx: OrgContext; input: CompleteSprintInput }) {
  assertCan(ctx.roles, "sprint.manage");
  return ctx.db.transaction(async (tx) => {
    const c = { ...ctx, db: tx };
    const sprint = await lockSprint(c, input.sprintId);
    if (sprint.state !== "active") throw new ConflictError(`Sprint "${sprint.name}" is ${sprint.state}; only the active sprint can be completed`);
    const projectId = sprint.projectId;
    const doneColumns = tx.select({ id: boardColumns.id }).from(boardColumns).where(and(eq(boardColumns.boardId, sprint.boardId), eq(boardColumns.category, "done")));
    const sprintCards = await tx
      .select({ id: cards.id, points: cards.points, done: sql<boolean>`${cards.columnId} in (${doneColumns})` })
      .from(cards)
      .where(eq(cards.sprintId, sprint.id));
    const unfinished = sprintCards.filter((x) => !x.done);
    const completedPoints = sprintCards.filter((x) => x.done).reduce((s, x) => s + (x.points ?? 0), 0);

    let target: string | null = null;
    if (input.moveUnfinishedTo === "next") {
      const [next] = await tx.select().from(sprints).where(and(eq(sprints.boardId, sprint.boardId), eq(sprints.state, "planned"))).orderBy(asc(sprints.createdAt)).limit(1);
      target = next?.id ?? (await tx.insert(sprints).values({ boardId: sprint.boardId, name: nextSprintName(sprint.name) }).returning())[0]!.id;
    } else if (input.moveUnfinishedTo !== "backlog") {
      const [t] = await tx.select().from(sprints).where(and(eq(sprints.id, input.moveUnfinishedTo), eq(sprints.boardId, sprint.boardId)));
      if (!t || t.state !== "planned") throw new BadRequestError("must be a planned sprint of this board", { field: "moveUnfinishedTo" });
      target = t.id;
    }
    if (unfinished.length > 0) {
      await tx.update(cards).set({ sprintId: target, updatedAt: new Date() }).where(inArray(cards.id, unfinished.map((u) => u.id)));
      for (const u of unfinished) {
        await recordCardEvents(tx, { id: u.id, projectId }, ctx.actor.userId, [{ field: "sprintId", from: sprint.id, to: target }]);
      }
    }
    const [closed] = await tx
      .update(sprints)
      .set({ state: "closed", completedAt: new Date(), completedPoints })
      .where(eq(sprints.id, sprint.id))
      .returning();
    await notifyProject(tx, { projectId, topic: "sprint", actorUserId: ctx.actor.userId });
    return { sprint: closed!, movedCards: unfinished.length, movedTo: target ?? ("backlog" as const) };
  });
}

function nextSprintName(name: string): string {
  const m = /^(.*?)(\d+)$/.exec(name);
  return m ? `${m[1]}${Number(m[2]) + 1}` : `${name} (next)`;
}
