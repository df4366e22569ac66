import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/trpc/root";

export type BacklogData = inferRouterOutputs<AppRouter>["board"]["backlog"];
export type PlanSprint = BacklogData["sprints"][number];
export type PlanCard = PlanSprint["cards"][number];

/** Droppable list ids: a sprint id, or this one for the backlog. */
export const BACKLOG = "backlog";

export function sumPoints(cards: readonly { points: number | null }[]): number {
  return cards.reduce((n, c) => n + (c.points ?? 0), 0);
}

export function listsOf(data: BacklogData): Record<string, PlanCard[]> {
  return { ...Object.fromEntries(data.sprints.map((s) => [s.id, s.cards])), [BACKLOG]: data.backlog };
}

/** The planning data with one card moved to `index` of list `to`: the optimistic update of a drop. */
export function moveCard(data: BacklogData, cardKey: string, to: string, index: number): BacklogData {
  const card = [...data.backlog, ...data.sprints.flatMap((s) => s.cards)].find((c) => c.key === cardKey);
  if (!card) return data;
  const moved = { ...card, sprintId: to === BACKLOG ? null : to };
  const place = (list: PlanCard[], id: string) => {
    const rest = list.filter((c) => c.key !== cardKey);
    if (id !== to) return rest;
    return [...rest.slice(0, index), moved, ...rest.slice(index)];
  };
  return {
    ...data,
    sprints: data.sprints.map((s) => ({ ...s, cards: place(s.cards, s.id) })),
    backlog: place(data.backlog, BACKLOG),
  };
}

/** "Sprint N" one past the highest number used so far. */
export function nextSprintName(data: BacklogData): string {
  const used = data.sprints.map((s) => Number(/(\d+)\s*$/.exec(s.name)?.[1] ?? 0));
  return `Sprint ${Math.max(data.closedSprintCount, ...used) + 1}`;
}
