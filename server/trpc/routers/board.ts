import { z } from "zod";
import { getBoard, GetBoardInput } from "@/server/services/agile/get-board";
import { addColumn, AddColumnInput, deleteColumn, DeleteColumnInput, setBoardKind, SetBoardKindInput, updateColumn, UpdateColumnInput } from "@/server/services/agile/board-config";
import { getBacklog, GetBacklogInput } from "@/server/services/agile/backlog";
import { getCharts, ChartsInput } from "@/server/services/agile/charts/get-charts";
import { projectScope } from "@/server/services/projects/project-scope";
import { orgProcedure, router } from "../init";
import { whileAllowed } from "../live-access";
import { BoardOut, ColumnOut } from "../outputs-agile";

export const boardRouter = router({
  get: orgProcedure
    .meta({ openapi: { method: "GET", path: "/orgs/{org}/projects/{key}/board", tags: ["boards"], summary: "Columns with their cards in order" } })
    .input(GetBoardInput)
    .output(BoardOut)
    .query(({ ctx, input }) => getBoard({ ctx: ctx.svc, input })),
  setKind: orgProcedure
    .meta({ openapi: { method: "PATCH", path: "/orgs/{org}/projects/{key}/board", tags: ["boards"], summary: "Switch the board between scrum and kanban" } })
    .input(SetBoardKindInput)
    .output(z.object({ id: z.uuid(), kind: z.enum(["scrum", "kanban"]) }))
    .mutation(({ ctx, input }) => setBoardKind({ ctx: ctx.svc, input })),
  addColumn: orgProcedure
    .meta({ openapi: { method: "POST", path: "/orgs/{org}/projects/{key}/columns", tags: ["boards"], summary: "Add a column" } })
    .input(AddColumnInput)
    .output(ColumnOut)
    .mutation(({ ctx, input }) => addColumn({ ctx: ctx.svc, input })),
  updateColumn: orgProcedure
    .meta({ openapi: { method: "PATCH", path: "/orgs/{org}/projects/{key}/columns/{columnId}", tags: ["boards"], summary: "Rename, recategorise, set the WIP limit or reorder a column" } })
    .input(UpdateColumnInput)
    .output(ColumnOut)
    .mutation(({ ctx, input }) => updateColumn({ ctx: ctx.svc, input })),
  deleteColumn: orgProcedure
    .meta({ openapi: { method: "DELETE", path: "/orgs/{org}/projects/{key}/columns/{columnId}", tags: ["boards"], summary: "Delete an empty column" } })
    .input(DeleteColumnInput)
    .output(z.object({ id: z.uuid(), deleted: z.literal(true) }))
    .mutation(({ ctx, input }) => deleteColumn({ ctx: ctx.svc, input })),
  backlog: orgProcedure.input(GetBacklogInput).query(({ ctx, input }) => getBacklog({ ctx: ctx.svc, input })),
  charts: orgProcedure.input(ChartsInput).query(({ ctx, input }) => getCharts({ ctx: ctx.svc, input })),
  /**
   * Live events of one project (server-sent events); clients refetch what the topic names. The
   * project is checked before the stream starts, so "not found" is mapped like any other error
   * (thrown inside the generator it reached the client as INTERNAL_SERVER_ERROR).
   */
  events: orgProcedure.input(GetBoardInput).subscription(async ({ ctx, input, signal }) => {
    const { project } = await projectScope(ctx.svc, input.key, "card.read");
    const { projectEvents } = await import("@/server/events");
    return (async function* () {
      for await (const event of whileAllowed(ctx, projectEvents(project.id, signal))) {
        yield { topic: event.topic, cardId: event.cardId ?? null, actorUserId: event.actorUserId ?? null };
      }
    })();
  }),
});
