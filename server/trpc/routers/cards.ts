import { z } from "zod";
import { addComment, AddCommentInput } from "@/server/services/agile/add-comment";
import { planCard, PlanCardInput } from "@/server/services/agile/backlog";
import { createCard, CreateCardInput } from "@/server/services/agile/create-card";
import { getCard, GetCardInput } from "@/server/services/agile/get-card";
import { moveCard, MoveCardInput } from "@/server/services/agile/move-card";
import { updateCard, UpdateCardInput } from "@/server/services/agile/update-card";
import { orgProcedure, router } from "../init";
import { CardDetailOut, CardOut } from "../outputs-agile";

const CardMutationOut = CardOut.extend({ projectId: z.uuid(), orgId: z.uuid(), createdBy: z.uuid().nullable(), updatedBy: z.uuid().nullable() });

export const cardsRouter = router({
  create: orgProcedure
    .meta({ openapi: { method: "POST", path: "/orgs/{org}/projects/{key}/cards", tags: ["cards"], summary: "Create a card (returns it with its key)" } })
    .input(CreateCardInput)
    .output(CardMutationOut)
    .mutation(({ ctx, input }) => createCard({ ctx: ctx.svc, input })),
  get: orgProcedure
    .meta({ openapi: { method: "GET", path: "/orgs/{org}/cards/{cardKey}", tags: ["cards"], summary: "A card with its history and comments" } })
    .input(GetCardInput)
    .output(CardDetailOut)
    .query(({ ctx, input }) => getCard({ ctx: ctx.svc, input })),
  update: orgProcedure
    .meta({ openapi: { method: "PATCH", path: "/orgs/{org}/cards/{cardKey}", tags: ["cards"], summary: "Change card fields (send expectedVersion to refuse overwriting someone else's change)" } })
    .input(UpdateCardInput)
    .output(CardMutationOut)
    .mutation(({ ctx, input }) => updateCard({ ctx: ctx.svc, input })),
  move: orgProcedure
    .meta({ openapi: { method: "POST", path: "/orgs/{org}/cards/{cardKey}/move", tags: ["cards"], summary: "Move a card to a column, between neighbours (card keys)" } })
    .input(MoveCardInput)
    .output(CardMutationOut)
    .mutation(({ ctx, input }) => moveCard({ ctx: ctx.svc, input })),
  plan: orgProcedure
    .meta({ openapi: { method: "POST", path: "/orgs/{org}/cards/{cardKey}/plan", tags: ["cards"], summary: "Rank a card in the backlog or a sprint" } })
    .input(PlanCardInput)
    .output(CardMutationOut)
    .mutation(({ ctx, input }) => planCard({ ctx: ctx.svc, input })),
  comment: orgProcedure
    .meta({ openapi: { method: "POST", path: "/orgs/{org}/cards/{cardKey}/comments", tags: ["cards"], summary: "Comment on a card (markdown)" } })
    .input(AddCommentInput)
    .output(z.object({ id: z.uuid(), body: z.string(), createdAt: z.date() }))
    .mutation(({ ctx, input }) => addComment({ ctx: ctx.svc, input })),
});
