"use client";

import type { ReactNode } from "react";
import { useDroppable } from "@dnd-kit/core";
import { SortableContext, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { Gauge, TriangleAlert } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { dateRange, pts } from "./format";
import { sumPoints, type PlanCard, type PlanSprint } from "./types";

/** A titled planning list (a sprint or the backlog) whose cards can be sorted and dropped into. */
export function PlanSection({
  id,
  title,
  badge,
  meta,
  goal,
  summary,
  actions,
  keys,
  children,
  empty,
  footer,
}: {
  id: string;
  title: string;
  badge?: ReactNode;
  meta?: ReactNode;
  goal?: string;
  summary: ReactNode;
  actions?: ReactNode;
  keys: string[];
  children: ReactNode;
  empty: string;
  footer?: ReactNode;
}) {
  // The type tells the list from its cards in the shared collision detection (useSortableLists).
  const { setNodeRef, isOver } = useDroppable({ id, data: { type: "container" } });
  const headingId = `plan-${id}`;
  return (
    <section aria-labelledby={headingId} className="overflow-hidden rounded-lg border border-zinc-200 bg-white shadow-xs dark:border-zinc-800 dark:bg-zinc-900">
      <header className="flex flex-wrap items-center gap-x-4 gap-y-2 border-b border-zinc-200 bg-zinc-50/80 px-4 py-2.5 dark:border-zinc-800 dark:bg-zinc-900/60">
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center gap-2">
            <h2 id={headingId} className="text-sm font-semibold text-zinc-900 dark:text-zinc-50">
              {title}
            </h2>
            {badge}
            {meta ? <span className="text-xs text-zinc-500 dark:text-zinc-400">{meta}</span> : null}
          </div>
          {goal ? <p className="mt-0.5 truncate text-[13px] text-zinc-600 dark:text-zinc-400" title={goal}>{goal}</p> : null}
        </div>
        <div className="flex flex-wrap items-center gap-3 text-[13px] text-zinc-600 dark:text-zinc-400">{summary}</div>
        {actions ? <div className="flex items-center gap-2">{actions}</div> : null}
      </header>
      <SortableContext id={id} items={keys} strategy={verticalListSortingStrategy}>
        <ul ref={setNodeRef} aria-label={`${title} cards`} className={cn("min-h-11 transition-colors", isOver && "bg-brand-50/60 dark:bg-brand-500/10")}>
          {children}
          {keys.length === 0 ? (
            <li className="m-2 rounded-md border border-dashed border-zinc-300 px-3 py-3 text-center text-[13px] text-zinc-500 dark:border-zinc-700 dark:text-zinc-400">
              {empty}
            </li>
          ) : null}
        </ul>
      </SortableContext>
      {footer}
    </section>
  );
}

export function sprintMeta(sprint: PlanSprint) {
  return dateRange(sprint.startDate, sprint.endDate);
}

export function SprintBadge({ state }: { state: string }) {
  return state === "active" ? <Badge tone="green">Active</Badge> : <Badge tone="neutral">Planned</Badge>;
}

export function CountSummary({ cards }: { cards: PlanCard[] }) {
  return (
    <span className="tabular-nums">
      {cards.length} {cards.length === 1 ? "card" : "cards"} · {pts(sumPoints(cards))}
    </span>
  );
}

/** Planned points against the team's recent velocity, warning when the sprint is over capacity. */
export function CapacityHint({ planned, velocity }: { planned: number; velocity: number | null }) {
  if (velocity === null) {
    return (
      <span className="inline-flex items-center gap-1.5 text-zinc-500 dark:text-zinc-400">
        <Gauge className="size-3.5" aria-hidden />
        {pts(planned)} planned · no velocity yet
      </span>
    );
  }
  const over = planned > velocity;
  return (
    <span
      className={cn(
        "inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 font-medium tabular-nums ring-1 ring-inset",
        over
          ? "bg-amber-50 text-amber-800 ring-amber-200 dark:bg-amber-500/10 dark:text-amber-300 dark:ring-amber-500/30"
          : "bg-emerald-50 text-emerald-700 ring-emerald-200 dark:bg-emerald-500/10 dark:text-emerald-300 dark:ring-emerald-500/30",
      )}
      title={over ? `${pts(planned - velocity)} more than the team completed on average in recent sprints` : "Within the team's recent velocity"}
    >
      {over ? <TriangleAlert className="size-3.5" aria-hidden /> : <Gauge className="size-3.5" aria-hidden />}
      {pts(planned)} planned · velocity {velocity}
      {over ? <span className="sr-only"> (over capacity)</span> : null}
    </span>
  );
}

export function ActiveProgress({ sprint }: { sprint: PlanSprint }) {
  const done = sumPoints(sprint.cards.filter((c) => c.category === "done"));
  const total = sumPoints(sprint.cards);
  const pct = total ? Math.round((done / total) * 100) : 0;
  return (
    <span className="inline-flex items-center gap-2 tabular-nums" title={`Committed at start: ${pts(sprint.committedPoints ?? 0)}`}>
      <span className="h-1.5 w-16 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-700" aria-hidden>
        <span className="block h-full rounded-full bg-emerald-500" style={{ width: `${pct}%` }} />
      </span>
      {done} of {pts(total)} done
    </span>
  );
}
