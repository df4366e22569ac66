import { z } from "zod";
import { text } from "@/lib/text";
import { cardComments } from "@/db/schema";
import { assertCan } from "@/server/auth/permissions";
import type { OrgContext } from "../context";
import { getCardByKey, recordCardEvents } from "./internal";
import { notifyProject } from "./notify";
import { CardKey } from "./schemas";

export const AddCommentInput = z.object({
  cardKey: CardKey,
  body: text().trim().min(1, "must not be empty").max(20_000, "must be at most 20,000 characters"),
});
export type AddCommentInput = z.infer<typeof AddCommentInput>;

export async function addComment({ ctx, input }: { ctx: OrgContext; input: AddCommentInput }) {
  assertCan(ctx.roles, "card.write");
  return ctx.db.transaction(async (tx) => {
    const { card } = await getCardByKey({ ...ctx, db: tx }, input.cardKey);
    const [comment] = await tx.insert(cardComments).values({ cardId: card.id, authorId: ctx.actor.userId, body: input.body }).returning();
    await recordCardEvents(tx, card, ctx.actor.userId, [{ kind: "commented", field: "comment", from: null, to: comment!.id }]);
    await notifyProject(tx, { projectId: card.projectId, topic: "card", cardId: card.id, actorUserId: ctx.actor.userId });
    return comment!;
  });
}
