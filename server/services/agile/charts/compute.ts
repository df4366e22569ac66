// Chart computations: plain functions over the card history, so they can be checked by hand.
import type { StatusCategory } from "@/db/schema";

export interface HistoryEvent {
  cardId: string;
  kind: "created" | "changed" | "commented";
  field: string | null;
  from: unknown;
  to: unknown;
  at: Date;
}
interface CardState {
  columnId: string | null;
  sprintId: string | null;
  points: number | null;
}

const DAY = 86_400_000;
const dayStart = (iso: string) => Date.parse(`${iso}T00:00:00.000Z`);
const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);

/** Replays events (sorted by time) up to and including `until`, returning each card's state then. */
export function statesAt(events: readonly HistoryEvent[], until: number): Map<string, CardState> {
  const states = new Map<string, CardState>();
  for (const e of events) {
    if (e.at.getTime() > until) break;
    if (e.kind === "created") {
      const to = (e.to ?? {}) as Partial<CardState>;
      states.set(e.cardId, { columnId: to.columnId ?? null, sprintId: to.sprintId ?? null, points: to.points ?? null });
      continue;
    }
    const s = states.get(e.cardId);
    if (!s) continue;
    if (e.field === "columnId") s.columnId = (e.to as string | null) ?? null;
    else if (e.field === "sprintId") s.sprintId = (e.to as string | null) ?? null;
    else if (e.field === "points") s.points = (e.to as number | null) ?? null;
  }
  return states;
}

export interface ScopeChange {
  at: Date;
  date: string;
  cardId: string;
  kind: "added" | "removed" | "estimate";
  points: number;
}

export interface BurndownInput {
  sprint: { id: string; startDate: string; endDate: string; startedAt: Date; completedAt: Date | null };
  events: readonly HistoryEvent[];
  category: (columnId: string | null) => StatusCategory | undefined;
  now: Date;
}

/** Remaining points at the end of each sprint day, the ideal line, and scope changes after the start. */
export function burndown({ sprint, events, category, now }: BurndownInput) {
  const remainingAt = (t: number) => {
    let sum = 0;
    for (const s of statesAt(events, t).values()) {
      if (s.sprintId === sprint.id && category(s.columnId) !== "done") sum += s.points ?? 0;
    }
    return sum;
  };
  const start = sprint.startedAt.getTime();
  // Completing a sprint moves unfinished cards out: read the last values just before that.
  const cutoff = Math.min(sprint.completedAt ? sprint.completedAt.getTime() - 1 : Infinity, now.getTime());
  const first = dayStart(sprint.startDate);
  const last = dayStart(sprint.endDate);
  const days = Math.max(1, Math.round((last - first) / DAY) + 1);
  const committed = remainingAt(start);
  const points = [];
  for (let i = 0; i < days; i++) {
    const dayEnd = first + (i + 1) * DAY - 1;
    const ideal = Math.round(committed * (1 - (i + 1) / days) * 10) / 10;
    const remaining = first + i * DAY > cutoff ? null : remainingAt(Math.min(dayEnd, cutoff));
    points.push({ date: isoDay(first + i * DAY), remaining, ideal });
  }
  const scopeChanges = events
    .filter((e) => e.at.getTime() > start && e.at.getTime() <= cutoff)
    .flatMap((e): ScopeChange[] => {
      const before = statesAt(events, e.at.getTime() - 1).get(e.cardId);
      if (e.field === "sprintId" && (e.from === sprint.id || e.to === sprint.id)) {
        const pts = before?.points ?? 0;
        return [{ at: e.at, date: isoDay(e.at.getTime()), cardId: e.cardId, kind: e.to === sprint.id ? "added" : "removed", points: e.to === sprint.id ? pts : -pts }];
      }
      if (e.field === "points" && before?.sprintId === sprint.id) {
        return [{ at: e.at, date: isoDay(e.at.getTime()), cardId: e.cardId, kind: "estimate", points: ((e.to as number | null) ?? 0) - ((e.from as number | null) ?? 0) }];
      }
      return [];
    });
  return { committed, days: points, scopeChanges };
}

/** Cards per column at the end of each day from `from` to `to` (ISO dates, inclusive). */
export function cumulativeFlow({ events, columnIds, from, to }: { events: readonly HistoryEvent[]; columnIds: readonly string[]; from: string; to: string }) {
  const out = [];
  for (let t = dayStart(from); t <= dayStart(to); t += DAY) {
    const counts: Record<string, number> = Object.fromEntries(columnIds.map((id) => [id, 0]));
    for (const s of statesAt(events, t + DAY - 1).values()) if (s.columnId && s.columnId in counts) counts[s.columnId]! += 1;
    out.push({ date: isoDay(t), counts });
  }
  return out;
}

/** Nearest-rank percentile of a sorted list. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/**
 * Cycle time of each card now done: from when it first entered a "doing" column to when it last
 * entered a "done" column, in days; with the 50th and 85th percentiles.
 */
export function cycleTimes({ events, category }: { events: readonly HistoryEvent[]; category: (columnId: string | null) => StatusCategory | undefined }) {
  const started = new Map<string, number>();
  const done = new Map<string, number>();
  const current = new Map<string, string | null>();
  for (const e of events) {
    const col = e.kind === "created" ? ((e.to as { columnId?: string } | null)?.columnId ?? null) : e.field === "columnId" ? ((e.to as string | null) ?? null) : undefined;
    if (col === undefined) continue;
    current.set(e.cardId, col);
    const cat = category(col);
    if (cat === "doing" && !started.has(e.cardId)) started.set(e.cardId, e.at.getTime());
    if (cat === "done") {
      if (!started.has(e.cardId)) started.set(e.cardId, e.at.getTime());
      done.set(e.cardId, e.at.getTime());
    }
  }
  const cards = [...done.entries()]
    .filter(([id]) => category(current.get(id) ?? null) === "done")
    .map(([id, end]) => ({ cardId: id, doneAt: new Date(end), days: Math.round(((end - started.get(id)!) / DAY) * 100) / 100 }))
    .sort((a, b) => a.doneAt.getTime() - b.doneAt.getTime());
  const sorted = cards.map((c) => c.days).sort((a, b) => a - b);
  return { cards, p50: percentile(sorted, 50), p85: percentile(sorted, 85) };
}
