import { z } from "zod";
import { completeSprint, CompleteSprintInput, createSprint, CreateSprintInput, listSprints, ListSprintsInput, startSprint, StartSprintInput } from "@/server/services/agile/sprints";
import { orgProcedure, router } from "../init";
import { SprintOut } from "../outputs-agile";

export const sprintsRouter = router({
  list: orgProcedure
    .meta({ openapi: { method: "GET", path: "/orgs/{org}/projects/{key}/sprints", tags: ["sprints"], summary: "Sprints with their points and card counts" } })
    .input(ListSprintsInput)
    .output(z.array(SprintOut.extend({ points: z.number().int(), cardCount: z.number().int() })))
    .query(({ ctx, input }) => listSprints({ ctx: ctx.svc, input })),
  create: orgProcedure
    .meta({ openapi: { method: "POST", path: "/orgs/{org}/projects/{key}/sprints", tags: ["sprints"], summary: "Plan a sprint" } })
    .input(CreateSprintInput)
    .output(SprintOut)
    .mutation(({ ctx, input }) => createSprint({ ctx: ctx.svc, input })),
  start: orgProcedure
    .meta({ openapi: { method: "POST", path: "/orgs/{org}/sprints/{sprintId}/start", tags: ["sprints"], summary: "Start a planned sprint (one active sprint per board)" } })
    .input(StartSprintInput)
    .output(SprintOut)
    .mutation(({ ctx, input }) => startSprint({ ctx: ctx.svc, input })),
  complete: orgProcedure
    .meta({ openapi: { method: "POST", path: "/orgs/{org}/sprints/{sprintId}/complete", tags: ["sprints"], summary: "Complete the active sprint; unfinished cards go to the backlog or another sprint" } })
    .input(CompleteSprintInput)
    .output(z.object({ sprint: SprintOut, movedCards: z.number().int(), movedTo: z.string() }))
    .mutation(({ ctx, input }) => completeSprint({ ctx: ctx.svc, input })),
});
