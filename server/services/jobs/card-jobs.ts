import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import { jobs } from "@/db/schema";
import { assertCan } from "@/server/auth/permissions";
import { getCardByKey } from "../agile/internal";
import type { OrgContext } from "../context";
import { selectJobs, toJobOut } from "./internal";
import type { JobOut } from "./schemas";

export const CardJobsInput = z.object({
  cardKey: z.string().regex(/^[A-Za-z][A-Za-z0-9]{1,9}-\d+$/, "must be a card key like CHURN-42"),
  limit: z.number().int().min(1).max(200).default(50),
});

/** The jobs started from one card of the organization, newest first; a card key of another organization is not found, like the card itself. */
export async function listCardJobs({ ctx, input }: { ctx: OrgContext; input: z.input<typeof CardJobsInput> }): Promise<JobOut[]> {
  assertCan(ctx.roles, "run.read");
  const req = CardJobsInput.parse(input);
  const { card } = await getCardByKey(ctx, req.cardKey.toUpperCase());
  const rows = await selectJobs(ctx.db)
    .where(and(eq(jobs.orgId, ctx.org.id), eq(jobs.cardId, card.id)))
    .orderBy(desc(jobs.queuedAt), desc(jobs.id))
    .limit(req.limit);
  return rows.map(toJobOut);
}
