import { sql } from "drizzle-orm";
import { bigint, boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt } from "./columns";
import { users } from "./access";
import { projectOwnedColumns, projects } from "./projects";

export const BOARD_KINDS = ["scrum", "kanban"] as const;
export const STATUS_CATEGORIES = ["todo", "doing", "done"] as const;
export const CARD_TYPES = ["story", "task", "bug", "experiment", "data", "deploy", "spike"] as const;
export const CD4ML_STAGES = ["data", "model", "deploy"] as const;
export const CARD_ROLES = ["data_engineer", "data_scientist", "developer"] as const;
export const PRIORITIES = ["none", "low", "medium", "high", "urgent"] as const;
export const SPRINT_STATES = ["planned", "active", "closed"] as const;

export type BoardKind = (typeof BOARD_KINDS)[number];
export type StatusCategory = (typeof STATUS_CATEGORIES)[number];
export type SprintState = (typeof SPRINT_STATES)[number];

/** One board per project; its kind decides whether it has a backlog and sprints. */
export const boards = pgTable(
  "boards",
  {
    id: uuid().primaryKey().defaultRandom(),
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    kind: text().$type<BoardKind>().notNull().default("scrum"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("boards_project_id_idx").on(t.projectId)],
);

export const boardColumns = pgTable(
  "board_columns",
  {
    id: uuid().primaryKey().defaultRandom(),
    boardId: uuid()
      .notNull()
      .references(() => boards.id, { onDelete: "cascade" }),
    name: text().notNull(),
    category: text().$type<StatusCategory>().notNull(),
    /** Fractional rank: columns sort by it as plain text. */
    position: text().notNull(),
    wipLimit: integer(),
    /** A strict column refuses moves that would go over its WIP limit; otherwise it is only marked. */
    wipStrict: boolean().notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index("board_columns_board_id_idx").on(t.boardId)],
);

export const sprints = pgTable(
  "sprints",
  {
    id: uuid().primaryKey().defaultRandom(),
    boardId: uuid()
      .notNull()
      .references(() => boards.id, { onDelete: "cascade" }),
    name: text().notNull(),
    goal: text().notNull().default(""),
    startDate: date({ mode: "string" }),
    endDate: date({ mode: "string" }),
    state: text().$type<SprintState>().notNull().default("planned"),
    startedAt: timestamp({ withTimezone: true }),
    completedAt: timestamp({ withTimezone: true }),
    /** Points in the sprint when it started, and done when it completed: the velocity chart reads these. */
    committedPoints: integer(),
    completedPoints: integer(),
    createdAt: createdAt(),
  },
  (t) => [
    index("sprints_board_id_idx").on(t.boardId),
    uniqueIndex("sprints_one_active_per_board_idx").on(t.boardId).where(sql`state = 'active'`),
  ],
);

export const cards = pgTable(
  "cards",
  {
    ...projectOwnedColumns(),
    /** Per-project sequence number: the card key is `<project key>-<number>`; numbers are never reused. */
    number: integer().notNull(),
    title: text().notNull(),
    description: text().notNull().default(""),
    type: text().notNull().default("task"),
    stage: text(),
    role: text(),
    assigneeId: uuid().references(() => users.id, { onDelete: "set null" }),
    points: integer(),
    priority: text().notNull().default("none"),
    labels: text().array().notNull().default(sql`'{}'::text[]`),
    dueDate: date({ mode: "string" }),
    columnId: uuid()
      .notNull()
      .references(() => boardColumns.id),
    sprintId: uuid().references(() => sprints.id, { onDelete: "set null" }),
    /** Fractional rank, one order per project: the backlog and every column sort by it. */
    rank: text().notNull(),
    /** Bumped on every change; an update that names an older version is refused. */
    version: integer().notNull().default(1),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    updatedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: createdAt(),
  },
  (t) => [
    uniqueIndex("cards_project_id_number_idx").on(t.projectId, t.number),
    uniqueIndex("cards_project_id_rank_idx").on(t.projectId, t.rank),
    index("cards_column_id_rank_idx").on(t.columnId, t.rank),
    index("cards_sprint_id_idx").on(t.sprintId),
    index("cards_org_id_idx").on(t.orgId),
    index("cards_assignee_id_idx").on(t.assigneeId),
  ],
);

/** Every change to a card (who, what, from, to, when): the source of the history and of every chart. */
export const cardEvents = pgTable(
  "card_events",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Insertion order: events written in one transaction share `at`, and history must keep their order. */
    seq: bigint({ mode: "number" }).generatedAlwaysAsIdentity(),
    cardId: uuid()
      .notNull()
      .references(() => cards.id, { onDelete: "cascade" }),
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    actorUserId: uuid().references(() => users.id, { onDelete: "set null" }),
    kind: text().$type<"created" | "changed" | "commented">().notNull(),
    field: text(),
    from: jsonb(),
    to: jsonb(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("card_events_card_id_at_idx").on(t.cardId, t.at), index("card_events_project_id_at_idx").on(t.projectId, t.at)],
);

export const cardComments = pgTable(
  "card_comments",
  {
    id: uuid().primaryKey().defaultRandom(),
    cardId: uuid()
      .notNull()
      .references(() => cards.id, { onDelete: "cascade" }),
    authorId: uuid().references(() => users.id, { onDelete: "set null" }),
    body: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("card_comments_card_id_idx").on(t.cardId)],
);
