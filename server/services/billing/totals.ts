import { and, eq, gte, isNotNull, lte, type SQL } from "drizzle-orm";
import { z } from "zod";
import { boards, cards, jobs, projects, sprints } from "@/db/schema";
import { assertCan } from "@/server/auth/permissions";
import type { OrgContext } from "../context";
import { NotFoundError } from "../errors";
import { sumUsage, type UsageTotals } from "./compute";

export const UsageTotalsOut = z.object({
  jobs: z.number().int(),
  wallHours: z.number(),
  cpuHours: z.number(),
  gpuHours: z.number(),
  energyKWh: z.number(),
  measuredEnergyJobs: z.number().int(),
  costs: z.array(z.object({ currency: z.string(), amount: z.number() })),
  co2eKg: z.number(),
  jobsWithoutCo2e: z.number().int(),
});

export const CardTotalsInput = z.object({ cardKey: z.string().regex(/^[A-Za-z][A-Za-z0-9]{1,9}-\d+$/, "must be a card key like CHURN-42") });
export const SprintTotalsInput = z.object({ sprintId: z.uuid() });

export const SprintTotalsOut = UsageTotalsOut.extend({
  /** "sprint": jobs that finished between the sprint's start and its completion (or now); "cards": the sprint has not started, so every finished job of its cards. */
  window: z.enum(["sprint", "cards"]),
  from: z.date().nullable(),
  to: z.date().nullable(),
});

/** Totals of the finished jobs (those with usage) of one card, every attempt and retry included. */
export async function cardUsageTotals({ ctx, input }: { ctx: OrgContext; input: z.input<typeof CardTotalsInput> }): Promise<UsageTotals> {
  assertCan(ctx.roles, "run.read");
  const { cardKey } = CardTotalsInput.parse(input);
  const at = cardKey.lastIndexOf("-");
  const [card] = await ctx.db
    .select({ id: cards.id })
    .from(cards)
    .innerJoin(projects, eq(projects.id, cards.projectId))
    .where(and(eq(cards.orgId, ctx.org.id), eq(projects.key, cardKey.slice(0, at).toUpperCase()), eq(cards.number, Number(cardKey.slice(at + 1)))))
    .limit(1);
  if (!card) throw new NotFoundError(`Card ${cardKey}`);
  const rows = await ctx.db
    .select({ usage: jobs.usage })
    .from(jobs)
    .where(and(eq(jobs.orgId, ctx.org.id), eq(jobs.cardId, card.id), isNotNull(jobs.usage)));
  return sumUsage(rows.map((r) => r.usage));
}

/**
 * Totals of a sprint: the finished jobs of the cards that are in the sprint now, counting only jobs
 * that finished while the sprint was open (from startedAt to completedAt, or now for the active one).
 * A planned sprint has no window yet: it totals every finished job of its cards. A card moved out of
 * the sprint takes its jobs with it (cards carry no sprint history here).
 */
export async function sprintUsageTotals({ ctx, input }: { ctx: OrgContext; input: z.input<typeof SprintTotalsInput> }): Promise<z.infer<typeof SprintTotalsOut>> {
  assertCan(ctx.roles, "run.read");
  const { sprintId } = SprintTotalsInput.parse(input);
  const [sprint] = await ctx.db
    .select({ id: sprints.id, startedAt: sprints.startedAt, completedAt: sprints.completedAt })
    .from(sprints)
    .innerJoin(boards, eq(boards.id, sprints.boardId))
    .innerJoin(projects, eq(projects.id, boards.projectId))
    .where(and(eq(sprints.id, sprintId), eq(projects.orgId, ctx.org.id)))
    .limit(1);
  if (!sprint) throw new NotFoundError("Sprint");
  const where: SQL[] = [eq(jobs.orgId, ctx.org.id), eq(cards.sprintId, sprint.id), isNotNull(jobs.usage)];
  if (sprint.startedAt) where.push(gte(jobs.finishedAt, sprint.startedAt));
  if (sprint.startedAt && sprint.completedAt) where.push(lte(jobs.finishedAt, sprint.completedAt));
  const rows = await ctx.db
    .select({ usage: jobs.usage })
    .from(jobs)
    .innerJoin(cards, eq(cards.id, jobs.cardId))
    .where(and(...where));
  return {
    ...sumUsage(rows.map((r) => r.usage)),
    window: sprint.startedAt ? "sprint" : "cards",
    from: sprint.startedAt,
    to: sprint.startedAt ? sprint.completedAt : null,
  };
}
