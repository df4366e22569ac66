import { z } from "zod";
import { text } from "@/lib/text";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { cardLinks, CARD_LINK_KINDS, cards, experiments, projects, runs } from "@/db/schema";
import { assertCan } from "@/server/auth/permissions";
import type { OrgContext } from "../context";
import { BadRequestError, NotFoundError } from "../errors";
import { cardKeyParts, getCardByKey } from "../agile/internal";
import { notifyProject } from "../agile/notify";
import { CardKey } from "../agile/schemas";
import { datasetVersionsById, modelVersionsById } from "../lineage/link-targets";
import { parseRunId, runIdHex } from "../mlflow/internal";

export const ListCardLinksInput = z.object({ cardKey: CardKey });
export type ListCardLinksInput = z.infer<typeof ListCardLinksInput>;
export const CreateCardLinkInput = z.object({
  cardKey: CardKey,
  kind: z.enum(CARD_LINK_KINDS),
  /** A run id (32 hex), a dataset or model version id, or a commit sha. */
  target: text().trim().min(1).max(200),
});
export type CreateCardLinkInput = z.infer<typeof CreateCardLinkInput>;
export const DeleteCardLinkInput = z.object({ cardKey: CardKey, linkId: z.uuid() });
export type DeleteCardLinkInput = z.infer<typeof DeleteCardLinkInput>;

/** A run of the organization by id, or null: runs of other organizations are invisible. */
async function findOrgRun(db: Db, orgId: string, runId: string) {
  const id = parseRunId(runId);
  if (!id) return null;
  const [row] = await db
    .select({ id: runs.id })
    .from(runs)
    .innerJoin(projects, eq(projects.id, runs.projectId))
    .where(and(eq(runs.id, id), eq(projects.orgId, orgId)))
    .limit(1);
  return row ?? null;
}

async function normaliseTarget(ctx: OrgContext, kind: CreateCardLinkInput["kind"], target: string, cardProjectId: string) {
  if (kind === "run") {
    const run = await findOrgRun(ctx.db, ctx.org.id, target);
    if (!run) throw new NotFoundError(`Run ${target}`);
    return run.id;
  }
  if (kind === "commit") {
    if (!/^[0-9a-f]{7,64}$/i.test(target)) throw new BadRequestError("a commit is 7–64 hex digits", { field: "target" });
    return target.toLowerCase();
  }
  const id = target.toLowerCase();
  const found = kind === "dataset_version" ? await datasetVersionsById(ctx.db, cardProjectId, [id]) : await modelVersionsById(ctx.db, cardProjectId, [id]);
  if (!found.length) throw new NotFoundError(kind === "dataset_version" ? `Dataset version ${target}` : `Model version ${target}`);
  return id;
}

/** Links of one card, runs resolved to their name, status and project. */
export async function listCardLinks({ ctx, input }: { ctx: OrgContext; input: ListCardLinksInput }) {
  assertCan(ctx.roles, "card.read");
  const { card } = await getCardByKey(ctx, input.cardKey);
  const links = await ctx.db.select().from(cardLinks).where(eq(cardLinks.cardId, card.id)).orderBy(asc(cardLinks.createdAt), asc(cardLinks.id));
  const runIds = links.filter((l) => l.kind === "run").map((l) => l.target);
  const runRows = runIds.length
    ? await ctx.db
        .select({ id: runs.id, name: runs.name, status: runs.status, projectKey: projects.key, experimentName: experiments.name })
        .from(runs)
        .innerJoin(projects, eq(projects.id, runs.projectId))
        .innerJoin(experiments, eq(experiments.id, runs.experimentId))
        .where(and(inArray(runs.id, runIds), eq(projects.orgId, ctx.org.id)))
    : [];
  const byId = new Map(runRows.map((r) => [r.id, r]));
  const of = (kind: string) => links.filter((l) => l.kind === kind).map((l) => l.target);
  const [dsRows, mvRows] = await Promise.all([datasetVersionsById(ctx.db, card.projectId, of("dataset_version")), modelVersionsById(ctx.db, card.projectId, of("model_version"))]);
  return links.map((l) => {
    const run = l.kind === "run" ? byId.get(l.target) : undefined;
    return {
      id: l.id,
      kind: l.kind,
      target: l.kind === "run" ? runIdHex(l.target) : l.target,
      createdAt: l.createdAt,
      run: run ? { name: run.name, status: run.status, projectKey: run.projectKey, experimentName: run.experimentName } : null,
      datasetVersion: (l.kind === "dataset_version" && dsRows.find((d) => d.id === l.target)) || null,
      modelVersion: (l.kind === "model_version" && mvRows.find((m) => m.id === l.target)) || null,
    };
  });
}

/** Links a card to a pipeline object of the same organization; linking twice returns the existing link. */
export async function createCardLink({ ctx, input }: { ctx: OrgContext; input: CreateCardLinkInput }) {
  assertCan(ctx.roles, "card.write");
  const { card } = await getCardByKey(ctx, input.cardKey);
  const target = await normaliseTarget(ctx, input.kind, input.target, card.projectId);
  return ctx.db.transaction(async (tx) => {
    const [created] = await tx
      .insert(cardLinks)
      .values({ cardId: card.id, kind: input.kind, target, createdBy: ctx.actor.userId })
      .onConflictDoNothing()
      .returning();
    const link =
      created ??
      (await tx.select().from(cardLinks).where(and(eq(cardLinks.cardId, card.id), eq(cardLinks.kind, input.kind), eq(cardLinks.target, target))))[0]!;
    if (created) await notifyProject(tx, { projectId: card.projectId, topic: "card", cardId: card.id, actorUserId: ctx.actor.userId });
    return { id: link.id, kind: link.kind, target: input.kind === "run" ? runIdHex(link.target) : link.target, createdAt: link.createdAt };
  });
}

export async function deleteCardLink({ ctx, input }: { ctx: OrgContext; input: DeleteCardLinkInput }) {
  assertCan(ctx.roles, "card.write");
  const { card } = await getCardByKey(ctx, input.cardKey);
  return ctx.db.transaction(async (tx) => {
    const gone = await tx
      .delete(cardLinks)
      .where(and(eq(cardLinks.id, input.linkId), eq(cardLinks.cardId, card.id)))
      .returning({ id: cardLinks.id });
    if (gone.length === 0) throw new NotFoundError("Link");
    await notifyProject(tx, { projectId: card.projectId, topic: "card", cardId: card.id, actorUserId: ctx.actor.userId });
    return { id: input.linkId, deleted: true as const };
  });
}

/**
 * Links a run to the cards its `runboard.card` tag names ("CHURN-42", or several separated by
 * commas or spaces) inside the run's organization. Unknown keys are ignored: a typo in a training
 * script must not fail its logging.
 */
export async function linkRunToTaggedCards(db: Db, run: { id: string; projectId: string }, tagValue: string, userId: string | null) {
  const keys = [...new Set(tagValue.split(/[\s,]+/).map((k) => k.trim().toUpperCase()).filter((k) => /^[A-Z][A-Z0-9]{1,9}-\d{1,9}$/.test(k)))];
  if (keys.length === 0) return;
  const [owner] = await db.select({ orgId: projects.orgId }).from(projects).where(eq(projects.id, run.projectId));
  if (!owner) return;
  for (const key of keys) {
    const { projectKey, number } = cardKeyParts(key);
    const [card] = await db
      .select({ id: cards.id, projectId: cards.projectId })
      .from(cards)
      .innerJoin(projects, eq(projects.id, cards.projectId))
      .where(and(eq(cards.orgId, owner.orgId), eq(projects.key, projectKey), eq(cards.number, number)))
      .limit(1);
    if (!card) continue;
    const [created] = await db
      .insert(cardLinks)
      .values({ cardId: card.id, kind: "run", target: run.id, createdBy: userId })
      .onConflictDoNothing()
      .returning({ id: cardLinks.id });
    if (created) await notifyProject(db, { projectId: card.projectId, topic: "card", cardId: card.id, ...(userId ? { actorUserId: userId } : {}) });
  }
}
