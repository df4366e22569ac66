import { z } from "zod";
import { text } from "@/lib/text";
import { and, count, eq } from "drizzle-orm";
import { BOARD_KINDS, boardColumns, boards, cards } from "@/db/schema";
import { assertCan } from "@/server/auth/permissions";
import type { OrgContext } from "../context";
import { BadRequestError, ConflictError, NotFoundError } from "../errors";
import { ProjectKey } from "../schemas";
import { getColumns, getProjectBoard } from "./internal";
import { notifyProject } from "./notify";
import { rankBetween } from "./ranks";
import { StatusCategory } from "./schemas";

const ColumnName = text().trim().min(1, "must not be empty").max(60, "must be at most 60 characters");
const WipLimit = z.number().int("must be a whole number").min(1, "must be at least 1").max(999).nullable();

export const SetBoardKindInput = z.object({ key: ProjectKey, kind: z.enum(BOARD_KINDS) });
export const AddColumnInput = z.object({ key: ProjectKey, name: ColumnName, category: StatusCategory, wipLimit: WipLimit.default(null), wipStrict: z.boolean().default(false) });
export const UpdateColumnInput = z.object({
  key: ProjectKey,
  columnId: z.uuid("must be a column id"),
  name: ColumnName.optional(),
  category: StatusCategory.optional(),
  wipLimit: WipLimit.optional(),
  wipStrict: z.boolean().optional(),
  /** Reorder: put the column right after this column id, or first when null. */
  afterColumnId: z.uuid("must be a column id").nullable().optional(),
});
export const DeleteColumnInput = z.object({ key: ProjectKey, columnId: z.uuid("must be a column id") });

async function configure<T>(ctx: OrgContext, key: string, change: (tx: OrgContext, pb: Awaited<ReturnType<typeof getProjectBoard>>) => Promise<T>): Promise<T> {
  assertCan(ctx.roles, "board.configure");
  return ctx.db.transaction(async (tx) => {
    const c = { ...ctx, db: tx };
    const pb = await getProjectBoard(c, key, "board.configure");
    await tx.select({ id: boards.id }).from(boards).where(eq(boards.id, pb.boardId)).for("update");
    const result = await change(c, pb);
    await notifyProject(tx, { projectId: pb.projectId, topic: "board", actorUserId: ctx.actor.userId });
    return result;
  });
}

export function setBoardKind({ ctx, input }: { ctx: OrgContext; input: z.infer<typeof SetBoardKindInput> }) {
  return configure(ctx, input.key, async (c, pb) => {
    const [b] = await c.db.update(boards).set({ kind: input.kind }).where(eq(boards.id, pb.boardId)).returning();
    return { id: b!.id, kind: b!.kind };
  });
}

export function addColumn({ ctx, input }: { ctx: OrgContext; input: z.infer<typeof AddColumnInput> }) {
  return configure(ctx, input.key, async (c, pb) => {
    const columns = await getColumns(c.db, pb.boardId);
    if (columns.length >= 12) throw new BadRequestError("a board has at most 12 columns", { field: "name" });
    const [col] = await c.db
      .insert(boardColumns)
      .values({ boardId: pb.boardId, name: input.name, category: input.category, wipLimit: input.wipLimit, wipStrict: input.wipStrict, position: rankBetween(columns.at(-1)?.position ?? null, null) })
      .returning();
    return col!;
  });
}

export function updateColumn({ ctx, input }: { ctx: OrgContext; input: z.infer<typeof UpdateColumnInput> }) {
  return configure(ctx, input.key, async (c, pb) => {
    const columns = await getColumns(c.db, pb.boardId);
    const col = columns.find((x) => x.id === input.columnId);
    if (!col) throw new NotFoundError("Column");
    let position = col.position;
    if (input.afterColumnId !== undefined) {
      const others = columns.filter((x) => x.id !== col.id);
      const idx = input.afterColumnId === null ? -1 : others.findIndex((x) => x.id === input.afterColumnId);
      if (input.afterColumnId !== null && idx < 0) throw new BadRequestError("is not a column of this board", { field: "afterColumnId" });
      position = rankBetween(others[idx]?.position ?? null, others[idx + 1]?.position ?? null);
    }
    const [updated] = await c.db
      .update(boardColumns)
      .set({ name: input.name, category: input.category, wipLimit: input.wipLimit, wipStrict: input.wipStrict, position })
      .where(eq(boardColumns.id, col.id))
      .returning();
    return updated!;
  });
}

export function deleteColumn({ ctx, input }: { ctx: OrgContext; input: z.infer<typeof DeleteColumnInput> }) {
  return configure(ctx, input.key, async (c, pb) => {
    const columns = await getColumns(c.db, pb.boardId);
    const col = columns.find((x) => x.id === input.columnId);
    if (!col) throw new NotFoundError("Column");
    if (columns.length <= 1) throw new ConflictError("A board needs at least one column");
    const [n] = await c.db.select({ n: count() }).from(cards).where(and(eq(cards.columnId, col.id)));
    if ((n?.n ?? 0) > 0) throw new ConflictError(`"${col.name}" still has ${n!.n} card(s): move them out before deleting it`);
    await c.db.delete(boardColumns).where(eq(boardColumns.id, col.id));
    return { id: col.id, deleted: true as const };
  });
}
