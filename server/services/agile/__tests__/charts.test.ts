import { describe, expect, it } from "vitest";
import type { StatusCategory } from "@/db/schema";
import { burndown, cumulativeFlow, cycleTimes, percentile, type HistoryEvent } from "../charts/compute";

const cats: Record<string, StatusCategory> = { todo: "todo", doing: "doing", done: "done" };
const category = (id: string | null) => (id ? cats[id] : undefined);
const at = (iso: string) => new Date(iso);
const created = (cardId: string, when: string, columnId: string, sprintId: string | null, points: number | null): HistoryEvent => ({
  cardId, kind: "created", field: null, from: null, to: { columnId, sprintId, points }, at: at(when),
});
const change = (cardId: string, when: string, field: string, from: unknown, to: unknown): HistoryEvent => ({ cardId, kind: "changed", field, from, to, at: at(when) });

describe("burndown", () => {
  // Sprint S: 4 days, Mon 2026-03-02 .. Thu 2026-03-05, started Monday 09:00.
  const sprint = { id: "S", startDate: "2026-03-02", endDate: "2026-03-05", startedAt: at("2026-03-02T09:00:00Z"), completedAt: at("2026-03-05T17:00:00Z") };
  const events: HistoryEvent[] = [
    created("a", "2026-02-27T10:00:00Z", "todo", "S", 5),
    created("b", "2026-02-27T10:00:00Z", "todo", "S", 3),
    created("c", "2026-02-27T10:00:00Z", "todo", null, 2),
    change("a", "2026-03-02T15:00:00Z", "columnId", "todo", "doing"),
    change("a", "2026-03-03T11:00:00Z", "columnId", "doing", "done"), // day 2: -5
    change("c", "2026-03-03T12:00:00Z", "sprintId", null, "S"), // day 2: scope +2
    change("b", "2026-03-04T10:00:00Z", "points", 3, 8), // day 3: estimate +5
    change("c", "2026-03-05T10:00:00Z", "columnId", "todo", "done"), // day 4: -2
    change("b", "2026-03-05T17:00:00Z", "sprintId", "S", null), // completion moves b out: not a burn
  ];
  const result = burndown({ sprint, events, category, now: at("2026-03-09T00:00:00Z") });

  it("computes remaining points at the end of each day", () => {
    expect(result.committed).toBe(8);
    expect(result.days.map((d) => d.remaining)).toEqual([8, 5, 10, 8]);
  });
  it("draws the ideal line from the committed points to zero", () => {
    expect(result.days.map((d) => d.ideal)).toEqual([6, 4, 2, 0]);
    expect(result.days.map((d) => d.date)).toEqual(["2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05"]);
  });
  it("marks scope changes after the start, but not the completion itself", () => {
    expect(result.scopeChanges.map((s) => [s.date, s.kind, s.points])).toEqual([
      ["2026-03-03", "added", 2],
      ["2026-03-04", "estimate", 5],
    ]);
  });
  it("leaves days after 'now' empty in a running sprint", () => {
    const running = burndown({ sprint: { ...sprint, completedAt: null }, events: events.slice(0, 6), category, now: at("2026-03-03T18:00:00Z") });
    expect(running.days.map((d) => d.remaining)).toEqual([8, 5, null, null]);
  });
});

describe("cumulative flow", () => {
  it("counts cards per column at the end of each day", () => {
    const events = [
      created("a", "2026-03-01T10:00:00Z", "todo", null, null),
      created("b", "2026-03-02T10:00:00Z", "todo", null, null),
      change("a", "2026-03-02T12:00:00Z", "columnId", "todo", "doing"),
      change("a", "2026-03-03T12:00:00Z", "columnId", "doing", "done"),
    ];
    expect(cumulativeFlow({ events, columnIds: ["todo", "doing", "done"], from: "2026-03-01", to: "2026-03-03" })).toEqual([
      { date: "2026-03-01", counts: { todo: 1, doing: 0, done: 0 } },
      { date: "2026-03-02", counts: { todo: 1, doing: 1, done: 0 } },
      { date: "2026-03-03", counts: { todo: 1, doing: 0, done: 1 } },
    ]);
  });
});

describe("cycle time", () => {
  it("measures from first 'doing' to last 'done', skipping cards reopened since", () => {
    const events = [
      created("a", "2026-03-01T00:00:00Z", "todo", null, null),
      change("a", "2026-03-02T00:00:00Z", "columnId", "todo", "doing"),
      change("a", "2026-03-04T12:00:00Z", "columnId", "doing", "done"), // 2.5 days
      created("b", "2026-03-01T00:00:00Z", "todo", null, null),
      change("b", "2026-03-03T00:00:00Z", "columnId", "todo", "doing"),
      change("b", "2026-03-04T00:00:00Z", "columnId", "doing", "done"),
      change("b", "2026-03-05T00:00:00Z", "columnId", "done", "doing"),
      change("b", "2026-03-07T00:00:00Z", "columnId", "doing", "done"), // 4 days (first doing → last done)
      created("c", "2026-03-01T00:00:00Z", "todo", null, null),
      change("c", "2026-03-02T00:00:00Z", "columnId", "todo", "doing"),
      change("c", "2026-03-03T00:00:00Z", "columnId", "doing", "done"), // 1 day
      created("d", "2026-03-01T00:00:00Z", "todo", null, null),
      change("d", "2026-03-02T00:00:00Z", "columnId", "todo", "done"),
      change("d", "2026-03-03T00:00:00Z", "columnId", "done", "todo"), // reopened: not counted
    ];
    const r = cycleTimes({ events, category });
    expect(r.cards.map((c) => [c.cardId, c.days])).toEqual([["c", 1], ["a", 2.5], ["b", 4]]);
    expect(r.p50).toBe(2.5);
    expect(r.p85).toBe(4);
  });
  it("uses nearest-rank percentiles", () => {
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50)).toBe(5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 85)).toBe(9);
    expect(percentile([], 50)).toBeNull();
  });
});
