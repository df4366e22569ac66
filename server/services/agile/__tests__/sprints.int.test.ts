import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { cards, sprints } from "@/db/schema";
import { createTestProject, createTestTeam, orgCtx } from "@/db/testing";
import { withTestDb } from "@/db/with-test-db";
import { planCard, getBacklog } from "../backlog";
import { createCard } from "../create-card";
import { moveCard } from "../move-card";
import { completeSprint, createSprint, startSprint } from "../sprints";
import { getBoard } from "../get-board";
import { getCard } from "../get-card";
import { getCharts } from "../charts/get-charts";

const database = withTestDb();

async function setup() {
  const team = await createTestTeam(database.db);
  const project = await createTestProject(database.db, team.org.id, undefined, "scrum");
  const manager = await orgCtx(database.db, team.org.id, team.members.manager.id);
  const dev = await orgCtx(database.db, team.org.id, team.members.developer.id);
  return { ...team, project, manager, dev };
}

describe("sprints", () => {
  it("plans, starts and completes a sprint; unfinished cards go where the manager chooses", async () => {
    const { project, manager, dev } = await setup();
    const [todo, , , done] = project.columns;
    const a = await createCard({ ctx: dev, input: { key: project.key, title: "A", points: 3 } });
    const b = await createCard({ ctx: dev, input: { key: project.key, title: "B", points: 5 } });
    const c = await createCard({ ctx: dev, input: { key: project.key, title: "C", points: 2 } });
    const s1 = await createSprint({ ctx: manager, input: { key: project.key, name: "Sprint 1", goal: "Baseline", startDate: null, endDate: null } });
    await planCard({ ctx: dev, input: { cardKey: a.key, sprintId: s1.id } });
    await planCard({ ctx: dev, input: { cardKey: b.key, sprintId: s1.id, after: a.key } });
    let backlog = await getBacklog({ ctx: dev, input: { key: project.key } });
    expect(backlog.sprints[0]!.cards.map((x) => x.key)).toEqual([a.key, b.key]);
    expect(backlog.backlog.map((x) => x.key)).toEqual([c.key]);
    // The board shows nothing until a sprint is active.
    expect((await getBoard({ ctx: dev, input: { key: project.key } })).columns.flatMap((col) => col.cards)).toEqual([]);

    await expect(startSprint({ ctx: dev, input: { sprintId: s1.id } })).rejects.toThrow(/does not allow/);
    const started = await startSprint({ ctx: manager, input: { sprintId: s1.id, startDate: "2026-03-02", endDate: "2026-03-13" } });
    expect(started).toMatchObject({ state: "active", committedPoints: 8, startDate: "2026-03-02", endDate: "2026-03-13" });
    const board = await getBoard({ ctx: dev, input: { key: project.key } });
    expect(board.activeSprint?.id).toBe(s1.id);
    expect(board.columns[0]!.cards.map((x) => x.key)).toEqual([a.key, b.key]);

    const s2 = await createSprint({ ctx: manager, input: { key: project.key, name: "Sprint 2", goal: "", startDate: null, endDate: null } });
    await expect(startSprint({ ctx: manager, input: { sprintId: s2.id } })).rejects.toThrow(/already active/);

    await moveCard({ ctx: dev, input: { cardKey: a.key, column: done!.id } });
    const result = await completeSprint({ ctx: manager, input: { sprintId: s1.id, moveUnfinishedTo: s2.id } });
    expect(result).toMatchObject({ movedCards: 1, movedTo: s2.id, sprint: { state: "closed", completedPoints: 3, committedPoints: 8 } });
    const bDetail = await getCard({ ctx: dev, input: { cardKey: b.key } });
    expect(bDetail.historySprints.map((x) => x.name).sort()).toEqual(["Sprint 1", "Sprint 2"]);
    const [bRow] = await database.db.select().from(cards).where(eq(cards.id, b.id));
    expect(bRow!.sprintId).toBe(s2.id);
    expect(bRow!.columnId).toBe(todo!.id);
    await expect(completeSprint({ ctx: manager, input: { sprintId: s1.id, moveUnfinishedTo: "backlog" } })).rejects.toThrow(/closed/);

    backlog = await getBacklog({ ctx: dev, input: { key: project.key } });
    expect(backlog.velocity).toEqual({ recent: [{ name: "Sprint 1", committed: 8, completed: 3 }], average: 3 });
    const charts = await getCharts({ ctx: dev, input: { key: project.key, days: 30 } });
    expect(charts.velocity).toEqual([expect.objectContaining({ name: "Sprint 1", committed: 8, completed: 3 })]);
    expect(charts.burndown?.sprint.id).toBe(s1.id);
    expect(charts.burndown?.committed).toBe(8);
  });

  it("completing into 'next' creates the next sprint when none is planned; 'backlog' empties the sprint", async () => {
    const { project, manager, dev } = await setup();
    const a = await createCard({ ctx: dev, input: { key: project.key, title: "A", points: 1 } });
    const s = await createSprint({ ctx: manager, input: { key: project.key, name: "Sprint 7", goal: "", startDate: null, endDate: null } });
    await planCard({ ctx: dev, input: { cardKey: a.key, sprintId: s.id } });
    await startSprint({ ctx: manager, input: { sprintId: s.id } });
    const r = await completeSprint({ ctx: manager, input: { sprintId: s.id, moveUnfinishedTo: "next" } });
    const [next] = await database.db.select().from(sprints).where(eq(sprints.id, r.movedTo));
    expect(next).toMatchObject({ name: "Sprint 8", state: "planned" });

    const t = await createSprint({ ctx: manager, input: { key: project.key, name: "Sprint 9", goal: "", startDate: null, endDate: null } });
    await startSprint({ ctx: manager, input: { sprintId: next!.id } });
    const r2 = await completeSprint({ ctx: manager, input: { sprintId: next!.id, moveUnfinishedTo: "backlog" } });
    expect(r2.movedTo).toBe("backlog");
    const [row] = await database.db.select().from(cards).where(eq(cards.id, a.id));
    expect(row!.sprintId).toBeNull();
    expect(t.state).toBe("planned");
  });

  it("refuses bad sprint input with messages naming the field", async () => {
    const { project, manager } = await setup();
    await expect(createSprint({ ctx: manager, input: { key: project.key, name: "S", goal: "", startDate: "2026-03-10", endDate: "2026-03-01" } })).rejects.toMatchObject({ field: "endDate", message: expect.stringMatching(/^must not be before startDate/) });
    const kanban = await createTestProject(database.db, manager.org.id, undefined, "kanban");
    await expect(createSprint({ ctx: manager, input: { key: kanban.key, name: "S", goal: "", startDate: null, endDate: null } })).rejects.toThrow(/Kanban/);
  });
});
