// Demo boards with realistic history: a Scrum project with three closed sprints and one active
// sprint (so burndown and velocity show real curves), and a Kanban project with a month of flow.
// Rows are written directly with back-dated times: the services would stamp everything "now".
import type { Db } from "./client";
import { boardColumns, cardEvents, cards, sprints, type StatusCategory } from "./schema";
import { createDefaultBoard } from "@/server/services/agile/create-default-board";
import { ranksBetween } from "@/server/services/agile/ranks";
import { eq } from "drizzle-orm";
import { projects } from "./schema";

const DAY = 86_400_000;
type Role = "data_engineer" | "data_scientist" | "developer";
interface Template {
  title: string;
  role: Role;
  type: string;
  stage: "data" | "model" | "deploy";
  labels: string[];
}

const CHURN_WORK: Template[] = [
  { title: "Backfill churn labels for last quarter", role: "data_engineer", type: "data", stage: "data", labels: ["labels"] },
  { title: "Add tenure and plan-change features", role: "data_engineer", type: "data", stage: "data", labels: ["features"] },
  { title: "Deduplicate customer events in the raw export", role: "data_engineer", type: "bug", stage: "data", labels: ["quality"] },
  { title: "Validate schema of the billing snapshot", role: "data_engineer", type: "task", stage: "data", labels: ["quality"] },
  { title: "Train gradient-boosted baseline", role: "data_scientist", type: "experiment", stage: "model", labels: ["baseline"] },
  { title: "Calibrate churn probabilities (isotonic)", role: "data_scientist", type: "experiment", stage: "model", labels: ["calibration"] },
  { title: "Compare logistic regression vs MLP", role: "data_scientist", type: "experiment", stage: "model", labels: ["baseline"] },
  { title: "Per-segment recall for SMB vs enterprise", role: "data_scientist", type: "story", stage: "model", labels: ["fairness"] },
  { title: "Spike: survival model for time-to-churn", role: "data_scientist", type: "spike", stage: "model", labels: ["research"] },
  { title: "Deploy scoring API to staging", role: "developer", type: "deploy", stage: "deploy", labels: ["serving"] },
  { title: "Nightly batch scoring job", role: "developer", type: "task", stage: "deploy", labels: ["serving"] },
  { title: "Expose churn risk in the CRM sidebar", role: "developer", type: "story", stage: "deploy", labels: ["integration"] },
  { title: "Alert when score distribution drifts", role: "developer", type: "story", stage: "deploy", labels: ["monitoring"] },
  { title: "Fix timezone bug in feature windows", role: "developer", type: "bug", stage: "data", labels: ["quality"] },
];

const FRAUD_WORK: Template[] = [
  { title: "Stream card authorisations into the feature store", role: "data_engineer", type: "data", stage: "data", labels: ["streaming"] },
  { title: "Label chargebacks from the disputes feed", role: "data_engineer", type: "data", stage: "data", labels: ["labels"] },
  { title: "Merchant velocity features", role: "data_engineer", type: "task", stage: "data", labels: ["features"] },
  { title: "Isolation forest for new merchants", role: "data_scientist", type: "experiment", stage: "model", labels: ["anomaly"] },
  { title: "Threshold tuning at 0.1% false positives", role: "data_scientist", type: "experiment", stage: "model", labels: ["thresholds"] },
  { title: "Explain declines with SHAP summaries", role: "data_scientist", type: "story", stage: "model", labels: ["explainability"] },
  { title: "Shadow-deploy the scorer next to the rules engine", role: "developer", type: "deploy", stage: "deploy", labels: ["serving"] },
  { title: "p99 latency budget for real-time scoring", role: "developer", type: "task", stage: "deploy", labels: ["performance"] },
  { title: "Retraining card when drift exceeds threshold", role: "developer", type: "story", stage: "deploy", labels: ["monitoring"] },
];

/** A small deterministic PRNG so the demo looks the same on every machine. */
function prng(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1664525 + 1013904223) % 4294967296;
    return s / 4294967296;
  };
}

interface Ctx {
  db: Db;
  orgId: string;
  projectId: string;
  assignees: Record<Role, string>;
  actor: string;
}

interface PlannedCard {
  template: Template;
  points: number;
  createdAt: number;
  sprintId: string | null;
  /** Column changes in time order. */
  moves: { at: number; to: string }[];
  sprintChanges?: { at: number; to: string | null }[];
  pointChanges?: { at: number; to: number }[];
  priority?: string;
}

async function insertCards(c: Ctx, startColumn: string, planned: PlannedCard[]) {
  const ranks = ranksBetween(null, null, planned.length);
  let number = 0;
  for (const [i, p] of planned.entries()) {
    number += 1;
    const lastColumn = p.moves.at(-1)?.to ?? startColumn;
    const lastSprint = p.sprintChanges?.at(-1)?.to ?? p.sprintId;
    const lastPoints = p.pointChanges?.at(-1)?.to ?? p.points;
    const updated = Math.max(p.createdAt, ...p.moves.map((m) => m.at), ...(p.sprintChanges ?? []).map((m) => m.at));
    const [card] = await c.db
      .insert(cards)
      .values({
        orgId: c.orgId,
        projectId: c.projectId,
        number,
        title: p.template.title,
        description: `**Why:** ${p.template.title.toLowerCase()} moves the ${p.template.stage} stage forward.\n\n- [ ] Definition of done agreed\n- [ ] Linked artifacts recorded`,
        type: p.template.type,
        stage: p.template.stage,
        role: p.template.role,
        assigneeId: c.assignees[p.template.role],
        points: lastPoints,
        priority: p.priority ?? "medium",
        labels: p.template.labels,
        columnId: lastColumn,
        sprintId: lastSprint,
        rank: ranks[i]!,
        createdBy: c.actor,
        updatedBy: c.actor,
        createdAt: new Date(p.createdAt),
        updatedAt: new Date(updated),
      })
      .returning({ id: cards.id });
    const events: (typeof cardEvents.$inferInsert)[] = [
      { cardId: card!.id, projectId: c.projectId, actorUserId: c.actor, kind: "created", to: { columnId: startColumn, sprintId: p.sprintId, points: p.points, title: p.template.title }, at: new Date(p.createdAt) },
    ];
    let col = startColumn;
    for (const m of p.moves) {
      events.push({ cardId: card!.id, projectId: c.projectId, actorUserId: c.assignees[p.template.role], kind: "changed", field: "columnId", from: col, to: m.to, at: new Date(m.at) });
      col = m.to;
    }
    let sprint = p.sprintId;
    for (const s of p.sprintChanges ?? []) {
      events.push({ cardId: card!.id, projectId: c.projectId, actorUserId: c.actor, kind: "changed", field: "sprintId", from: sprint, to: s.to, at: new Date(s.at) });
      sprint = s.to;
    }
    let pts = p.points;
    for (const pc of p.pointChanges ?? []) {
      events.push({ cardId: card!.id, projectId: c.projectId, actorUserId: c.actor, kind: "changed", field: "points", from: pts, to: pc.to, at: new Date(pc.at) });
      pts = pc.to;
    }
    await c.db.insert(cardEvents).values(events);
  }
  await c.db.update(projects).set({ cardSeq: number }).where(eq(projects.id, c.projectId));
}

const byCategory = (cols: { id: string; category: StatusCategory }[], category: StatusCategory, nth = 0) => cols.filter((x) => x.category === category)[nth]!.id;

/** CHURN: Scrum with sprints 1–3 closed and sprint 4 active. */
export async function seedScrumProject(c: Ctx, now = Date.now()) {
  const { board, columns } = await createDefaultBoard(c.db, c.projectId, "scrum");
  const todo = byCategory(columns, "todo");
  const doing = byCategory(columns, "doing", 0);
  const review = byCategory(columns, "doing", 1);
  const done = byCategory(columns, "done");
  const rand = prng(42);
  const today = Math.floor(now / DAY) * DAY;
  const POINTS = [1, 2, 3, 3, 5, 5, 8];
  const planned: PlannedCard[] = [];
  let t = 0;
  const next = () => CHURN_WORK[t++ % CHURN_WORK.length]!;

  // Sprints of 14 days; sprint 4 started 6 days ago.
  const starts = [today - 48 * DAY, today - 34 * DAY, today - 20 * DAY, today - 6 * DAY];
  const sprintRows = [];
  for (const [i, start] of starts.entries()) {
    const active = i === 3;
    const [s] = await c.db
      .insert(sprints)
      .values({
        boardId: board.id,
        name: `Sprint ${i + 1}`,
        goal: ["Labelled data for the first model", "A calibrated baseline", "Scoring in staging", "Churn risk visible in the CRM"][i]!,
        startDate: new Date(start).toISOString().slice(0, 10),
        endDate: new Date(start + 13 * DAY).toISOString().slice(0, 10),
        state: active ? "active" : "closed",
        startedAt: new Date(start + 9 * 3600_000),
        completedAt: active ? null : new Date(start + 13 * DAY + 17 * 3600_000),
        createdAt: new Date(start - 3 * DAY),
      })
      .returning();
    sprintRows.push(s!);
  }

  for (const [i, sprint] of sprintRows.entries()) {
    const start = sprint.startedAt!.getTime();
    const end = sprint.completedAt?.getTime() ?? now;
    const active = sprint.state === "active";
    const count = active ? 7 : 8;
    for (let k = 0; k < count; k++) {
      const points = POINTS[Math.floor(rand() * POINTS.length)]!;
      const lateAdd = !active && k === count - 1; // a scope change mid-sprint
      const createdAt = lateAdd ? start + 4 * DAY + 3600_000 : start - 2 * DAY + k * 3600_000;
      const span = (active ? now - start : 12 * DAY) * (0.35 + rand() * 0.6);
      const began = Math.max(createdAt, start) + rand() * DAY * 2;
      const finished = !active ? k < count - 2 || rand() < 0.3 : rand() < 0.4;
      const moves: PlannedCard["moves"] = [];
      const inProgress = active ? rand() < 0.8 : true;
      if (inProgress && began < end) moves.push({ at: began, to: doing });
      if (finished && inProgress) {
        const doneAt = Math.min(began + span, end - 3600_000);
        if (doneAt > began + 3600_000) {
          moves.push({ at: (began + doneAt) / 2, to: review });
          moves.push({ at: doneAt, to: done });
        }
      }
      const isDone = moves.at(-1)?.to === done;
      const card: PlannedCard = {
        template: next(),
        points,
        createdAt,
        sprintId: lateAdd ? null : sprint.id,
        moves,
        priority: ["low", "medium", "medium", "high", "urgent"][Math.floor(rand() * 5)],
      };
      if (lateAdd) card.sprintChanges = [{ at: createdAt + 3600_000, to: sprint.id }];
      if (!active && k === 1) card.pointChanges = [{ at: start + 3 * DAY, to: points + 2 }];
      if (!active && !isDone) {
        // Completing the sprint carried it over to the next one.
        card.sprintChanges = [...(card.sprintChanges ?? []), { at: sprint.completedAt!.getTime(), to: sprintRows[i + 1]!.id }];
      }
      planned.push(card);
    }
  }
  // The backlog: ranked, estimated, not yet planned.
  for (let k = 0; k < 12; k++) {
    planned.push({ template: next(), points: POINTS[Math.floor(rand() * POINTS.length)]!, createdAt: today - (30 - k) * DAY, sprintId: null, moves: [], priority: k < 3 ? "high" : "medium" });
  }
  await insertCards(c, todo, planned);

  // Freeze committed and completed points as starting and completing the sprints would have.
  const { statesAt } = await import("@/server/services/agile/charts/compute");
  const all = await c.db.select().from(cardEvents).where(eq(cardEvents.projectId, c.projectId));
  const events = all
    .map((e) => ({ cardId: e.cardId, kind: e.kind, field: e.field, from: e.from, to: e.to, at: e.at }))
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const s of sprintRows) {
    const sum = (at: number, onlyDone: boolean) =>
      [...statesAt(events, at).values()].filter((x) => x.sprintId === s.id && (!onlyDone || x.columnId === done)).reduce((n, x) => n + (x.points ?? 0), 0);
    await c.db
      .update(sprints)
      .set({ committedPoints: sum(s.startedAt!.getTime(), false), completedPoints: s.completedAt ? sum(s.completedAt.getTime() - 1, true) : null })
      .where(eq(sprints.id, s.id));
  }
}

/** FRAUD: Kanban with a month of flow; its Review column has a strict WIP limit. */
export async function seedKanbanProject(c: Ctx, now = Date.now()) {
  const { columns } = await createDefaultBoard(c.db, c.projectId, "kanban");
  const [backlog, ready, doing, review, done] = columns.map((x) => x.id) as [string, string, string, string, string];
  await c.db.update(boardColumns).set({ wipStrict: true, wipLimit: 3 }).where(eq(boardColumns.id, review));
  const rand = prng(7);
  const planned: PlannedCard[] = [];
  let reviewCount = 0;
  for (let k = 0; k < 24; k++) {
    const template = FRAUD_WORK[k % FRAUD_WORK.length]!;
    const createdAt = now - (32 - k) * DAY + rand() * DAY;
    const path = [ready, doing, review, done];
    const moves: PlannedCard["moves"] = [];
    let at = createdAt;
    const steps = k < 15 ? 4 : Math.floor(rand() * 4);
    for (let j = 0; j < steps; j++) {
      at += (0.5 + rand() * 3) * DAY;
      if (at >= now) break;
      if (path[j] === review && j === steps - 1 && reviewCount >= 2) break;
      moves.push({ at, to: path[j]! });
    }
    if (moves.at(-1)?.to === review) reviewCount += 1;
    planned.push({ template, points: [1, 2, 3, 5][k % 4]!, createdAt, sprintId: null, moves, priority: k % 5 === 0 ? "urgent" : "medium" });
  }
  await insertCards(c, backlog, planned);
}
