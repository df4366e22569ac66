import { and, asc, desc, eq, gt, lt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { cards, projects } from "@/db/schema";
import type { OrgContext } from "../context";
import { BadRequestError } from "../errors";
import { getCardByKey } from "./internal";
import { rankBetween } from "./ranks";

export interface Neighbours {
  /** Place the card right before this card (its next neighbour). */
  before?: string;
  /** Place the card right after this card (its previous neighbour). */
  after?: string;
}

/**
 * The rank that puts a card right after `after` (or right before `before`, or last). It is computed
 * against the neighbour's global successor while the neighbour row is locked, so two concurrent
 * moves to the same spot get distinct ranks and the project keeps one total order.
 */
export async function rankForPlacement(
  ctx: OrgContext & { db: Db },
  card: { id: string; projectId: string },
  where: Neighbours,
  check: (neighbour: typeof cards.$inferSelect, field: "before" | "after") => void,
): Promise<string> {
  const { db } = ctx;
  const neighbour = async (key: string, field: "before" | "after") => {
    const { card: n } = await getCardByKey(ctx, key, { lock: true });
    if (n.projectId !== card.projectId) throw new BadRequestError(`${key} is in another project`, { field });
    if (n.id === card.id) throw new BadRequestError("a card cannot be placed next to itself", { field });
    check(n, field);
    return n;
  };
  const inProject = eq(cards.projectId, card.projectId);
  if (where.after) {
    const a = await neighbour(where.after, "after");
    if (where.before) {
      const b = await neighbour(where.before, "before");
      if (b.rank <= a.rank) throw new BadRequestError("must come after the `after` card", { field: "before" });
    }
    const [next] = await db.select({ rank: cards.rank, id: cards.id }).from(cards).where(and(inProject, gt(cards.rank, a.rank))).orderBy(asc(cards.rank)).limit(1);
    return rankBetween(a.rank, next && next.id !== card.id ? next.rank : (next ? await successorSkipping(db, card, next.rank) : null));
  }
  if (where.before) {
    const b = await neighbour(where.before, "before");
    const [prev] = await db.select({ rank: cards.rank, id: cards.id }).from(cards).where(and(inProject, lt(cards.rank, b.rank))).orderBy(desc(cards.rank)).limit(1);
    return rankBetween(prev && prev.id !== card.id ? prev.rank : (prev ? await predecessorSkipping(db, card, prev.rank) : null), b.rank);
  }
  // Appending competes with card creation for the end of the order: take the same project lock.
  await db.select({ id: projects.id }).from(projects).where(eq(projects.id, card.projectId)).for("update");
  const [last] = await db.select({ rank: cards.rank, id: cards.id }).from(cards).where(inProject).orderBy(desc(cards.rank)).limit(1);
  if (last?.id === card.id) return last.rank;
  return rankBetween(last?.rank ?? null, null);
}

async function successorSkipping(db: Db, card: { id: string; projectId: string }, rank: string) {
  const [n] = await db.select({ rank: cards.rank }).from(cards).where(and(eq(cards.projectId, card.projectId), gt(cards.rank, rank))).orderBy(asc(cards.rank)).limit(1);
  return n?.rank ?? null;
}

async function predecessorSkipping(db: Db, card: { id: string; projectId: string }, rank: string) {
  const [p] = await db.select({ rank: cards.rank }).from(cards).where(and(eq(cards.projectId, card.projectId), lt(cards.rank, rank))).orderBy(desc(cards.rank)).limit(1);
  return p?.rank ?? null;
}
