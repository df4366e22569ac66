import { z } from "zod";
import { and, asc, eq, inArray, or } from "drizzle-orm";
import { cardEvents, cards, sprints } from "@/db/schema";
import type { OrgContext } from "../../context";
import { NotFoundError } from "../../errors";
import { ProjectKey } from "../../schemas";
import { getColumns, getProjectBoard } from "../internal";
import { burndown, cumulativeFlow, cycleTimes, percentile, type HistoryEvent } from "./compute";

export const ChartsInput = z.object({
  key: ProjectKey,
  sprintId: z.uuid("must be a sprint id").optional().describe("Sprint for the burndown; default: the active or last closed sprint"),
  days: z.coerce.number().int().min(7).max(365).default(30).describe("Days of flow and cycle-time history"),
});
export type ChartsInput = z.infer<typeof ChartsInput>;

const CHART_FIELDS = ["columnId", "sprintId", "points"];

/** Burndown, velocity, cumulative flow and cycle time, all derived from the card history. */
export async function getCharts({ ctx, input, now = new Date() }: { ctx: OrgContext; input: ChartsInput; now?: Date }) {
  const pb = await getProjectBoard(ctx, input.key, "card.read");
  const columns = await getColumns(ctx.db, pb.boardId);
  const categoryOf = new Map(columns.map((c) => [c.id, c.category]));
  const category = (id: string | null) => (id ? categoryOf.get(id) : undefined);
  const events: HistoryEvent[] = await ctx.db
    .select({ cardId: cardEvents.cardId, kind: cardEvents.kind, field: cardEvents.field, from: cardEvents.from, to: cardEvents.to, at: cardEvents.at })
    .from(cardEvents)
    .where(and(eq(cardEvents.projectId, pb.projectId), or(eq(cardEvents.kind, "created"), inArray(cardEvents.field, CHART_FIELDS))))
    .orderBy(asc(cardEvents.at), asc(cardEvents.seq));
  const keyOf = new Map(
    (await ctx.db.select({ id: cards.id, number: cards.number, title: cards.title }).from(cards).where(eq(cards.projectId, pb.projectId))).map((c) => [
      c.id,
      { key: `${pb.projectKey}-${c.number}`, title: c.title },
    ]),
  );

  const boardSprints = await ctx.db.select().from(sprints).where(eq(sprints.boardId, pb.boardId)).orderBy(asc(sprints.createdAt));
  const closed = boardSprints.filter((s) => s.state === "closed");
  const chosen = input.sprintId
    ? boardSprints.find((s) => s.id === input.sprintId)
    : (boardSprints.find((s) => s.state === "active") ?? closed.at(-1));
  if (input.sprintId && !chosen) throw new NotFoundError("Sprint");
  const burn =
    chosen && chosen.startedAt && chosen.startDate && chosen.endDate
      ? {
          sprint: { id: chosen.id, name: chosen.name, goal: chosen.goal, state: chosen.state, startDate: chosen.startDate, endDate: chosen.endDate },
          ...burndown({ sprint: { id: chosen.id, startDate: chosen.startDate, endDate: chosen.endDate, startedAt: chosen.startedAt, completedAt: chosen.completedAt }, events, category, now }),
        }
      : null;

  const to = now.toISOString().slice(0, 10);
  const from = new Date(now.getTime() - (input.days - 1) * 86_400_000).toISOString().slice(0, 10);
  const cycle = cycleTimes({ events, category });
  const since = Date.parse(`${from}T00:00:00Z`);
  const recentCycle = cycle.cards.filter((c) => c.doneAt.getTime() >= since);
  const sorted = recentCycle.map((c) => c.days).sort((a, b) => a - b);

  return {
    board: { kind: pb.kind },
    sprints: boardSprints.filter((s) => s.startedAt).map((s) => ({ id: s.id, name: s.name, state: s.state })),
    burndown: burn ? { ...burn, scopeChanges: burn.scopeChanges.map((s) => ({ ...s, card: keyOf.get(s.cardId)?.key ?? "?" })) } : null,
    velocity: closed.map((s) => ({ sprintId: s.id, name: s.name, committed: s.committedPoints ?? 0, completed: s.completedPoints ?? 0 })),
    flow: {
      columns: columns.map((c) => ({ id: c.id, name: c.name, category: c.category })),
      days: cumulativeFlow({ events, columnIds: columns.map((c) => c.id), from, to }),
    },
    cycleTime: {
      cards: recentCycle.map((c) => ({ ...c, key: keyOf.get(c.cardId)?.key ?? "?", title: keyOf.get(c.cardId)?.title ?? "" })),
      p50: percentile(sorted, 50),
      p85: percentile(sorted, 85),
    },
  };
}
