import { z } from "zod";
import { BOARD_KINDS, CARD_ROLES, CARD_TYPES, CD4ML_STAGES, PRIORITIES, SPRINT_STATES, STATUS_CATEGORIES } from "@/server/services/domain";

const looseEnum = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values).or(z.string());

export const CardSummaryOut = z.object({
  key: z.string(),
  id: z.uuid(),
  number: z.number().int(),
  title: z.string(),
  type: looseEnum(CARD_TYPES),
  stage: looseEnum(CD4ML_STAGES).nullable(),
  role: looseEnum(CARD_ROLES).nullable(),
  assigneeId: z.uuid().nullable(),
  assigneeName: z.string().nullable(),
  points: z.number().int().nullable(),
  priority: looseEnum(PRIORITIES),
  labels: z.array(z.string()),
  dueDate: z.string().nullable(),
  columnId: z.uuid(),
  sprintId: z.uuid().nullable(),
  rank: z.string(),
  version: z.number().int(),
  updatedAt: z.date(),
});

export const CardOut = CardSummaryOut.omit({ assigneeName: true }).extend({ description: z.string(), createdAt: z.date() });

export const SprintOut = z.object({
  id: z.uuid(),
  boardId: z.uuid(),
  name: z.string(),
  goal: z.string(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  state: z.enum(SPRINT_STATES),
  startedAt: z.date().nullable(),
  completedAt: z.date().nullable(),
  committedPoints: z.number().int().nullable(),
  completedPoints: z.number().int().nullable(),
  createdAt: z.date(),
});

export const ColumnOut = z.object({
  id: z.uuid(),
  name: z.string(),
  category: z.enum(STATUS_CATEGORIES),
  wipLimit: z.number().int().nullable(),
  wipStrict: z.boolean(),
});

export const BoardOut = z.object({
  project: z.object({ id: z.uuid(), key: z.string(), name: z.string() }),
  board: z.object({ id: z.uuid(), kind: z.enum(BOARD_KINDS) }),
  activeSprint: SprintOut.nullable(),
  columns: z.array(ColumnOut.extend({ cards: z.array(CardSummaryOut) })),
});

export const CardDetailOut = CardOut.extend({
  column: z.object({ id: z.uuid(), name: z.string(), category: z.enum(STATUS_CATEGORIES) }),
  sprint: z.object({ id: z.uuid(), name: z.string(), state: z.enum(SPRINT_STATES) }).nullable(),
  assignee: z.object({ id: z.uuid(), name: z.string(), email: z.string() }).nullable(),
  history: z.array(
    z.object({ id: z.uuid(), kind: z.string(), field: z.string().nullable(), from: z.unknown(), to: z.unknown(), at: z.date(), actorName: z.string().nullable() }),
  ),
  comments: z.array(z.object({ id: z.uuid(), body: z.string(), createdAt: z.date(), authorName: z.string().nullable() })),
  historySprints: z.array(z.object({ id: z.uuid(), name: z.string() })).describe("Sprints the history refers to"),
  createdBy: z.uuid().nullable(),
  updatedBy: z.uuid().nullable(),
  projectId: z.uuid(),
  orgId: z.uuid(),
});
