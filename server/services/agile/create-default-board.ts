import type { Db } from "@/db/client";
import { boardColumns, boards, type BoardKind, type StatusCategory } from "@/db/schema";
import { ranksBetween } from "./ranks";

const DEFAULT_COLUMNS: Record<BoardKind, { name: string; category: StatusCategory; wipLimit?: number }[]> = {
  scrum: [
    { name: "To do", category: "todo" },
    { name: "In progress", category: "doing" },
    { name: "In review", category: "doing" },
    { name: "Done", category: "done" },
  ],
  kanban: [
    { name: "Backlog", category: "todo" },
    { name: "Ready", category: "todo", wipLimit: 8 },
    { name: "In progress", category: "doing", wipLimit: 4 },
    { name: "Review", category: "doing", wipLimit: 3 },
    { name: "Done", category: "done" },
  ],
};

/** Every project gets its board when it is created. */
export async function createDefaultBoard(db: Db, projectId: string, kind: BoardKind = "scrum") {
  const [board] = await db.insert(boards).values({ projectId, kind }).returning();
  const cols = DEFAULT_COLUMNS[kind];
  const positions = ranksBetween(null, null, cols.length);
  const columns = await db
    .insert(boardColumns)
    .values(cols.map((c, i) => ({ boardId: board!.id, name: c.name, category: c.category, wipLimit: c.wipLimit ?? null, position: positions[i]! })))
    .returning();
  return { board: board!, columns };
}
