import { z } from "zod";
import { eq } from "drizzle-orm";
import { cards, users } from "@/db/schema";
import { assertCan } from "@/server/auth/permissions";
import type { OrgContext } from "../context";
import { ConflictError } from "../errors";
import { assertAssignable, getCardByKey, recordCardEvents, withKey, type CardEventInput } from "./internal";
import { notifyProject } from "./notify";
import { CardFields, CardKey, Title } from "./schemas";

export const UpdateCardInput = CardFields.partial().extend({
  cardKey: CardKey,
  title: Title.optional(),
  expectedVersion: z
    .number()
    .int()
    .positive()
    .optional()
    .describe("The version you edited; the update is refused with 409 if someone changed the card since"),
});
export type UpdateCardInput = z.infer<typeof UpdateCardInput>;

const FIELDS = ["title", "description", "type", "stage", "role", "assigneeId", "points", "priority", "labels", "dueDate"] as const;

/** Changes card fields, recording one history event per changed field. */
export async function updateCard({ ctx, input }: { ctx: OrgContext; input: UpdateCardInput }) {
  assertCan(ctx.roles, "card.write");
  return ctx.db.transaction(async (tx) => {
    const c = { ...ctx, db: tx };
    const { card, projectKey } = await getCardByKey(c, input.cardKey, { lock: true });
    if (input.expectedVersion !== undefined && input.expectedVersion !== card.version) {
      const [by] = card.updatedBy ? await tx.select({ name: users.name }).from(users).where(eq(users.id, card.updatedBy)) : [];
      throw new ConflictError(`${input.cardKey} was changed by ${by?.name ?? "someone else"} since you opened it: reload to see their change`);
    }
    if (input.assigneeId !== undefined) await assertAssignable(c, input.assigneeId);
    const changes: Partial<typeof card> = {};
    const events: CardEventInput[] = [];
    for (const field of FIELDS) {
      const next = field === "labels" && input.labels ? [...new Set(input.labels)] : input[field];
      if (next === undefined || JSON.stringify(next) === JSON.stringify(card[field])) continue;
      (changes as Record<string, unknown>)[field] = next;
      events.push({ field, from: card[field], to: next });
    }
    if (events.length === 0) return withKey(projectKey, card);
    const [updated] = await tx
      .update(cards)
      .set({ ...changes, version: card.version + 1, updatedAt: new Date(), updatedBy: ctx.actor.userId })
      .where(eq(cards.id, card.id))
      .returning();
    await recordCardEvents(tx, card, ctx.actor.userId, events);
    await notifyProject(tx, { projectId: card.projectId, topic: "card", cardId: card.id, actorUserId: ctx.actor.userId });
    return withKey(projectKey, updated!);
  });
}
