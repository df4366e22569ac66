import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import { cards, jobs, projects } from "@/db/schema";
import { assertCan } from "@/server/auth/permissions";
import type { OrgContext } from "../context";
import { selectJobs, toJobOut } from "./internal";
import type { JobOut } from "./schemas";

export const CardJobsInput = z.object({
  cardKey: z.string().regex(/^[A-Za-z][A-Za-z0-9]{1,9}-\d+$/, "must be a card key like CHURN-42"),
  limit: z.number().int().min(1).max(200).default(50),
});

/** The jobs started from one card, newest first. */
export async function listCardJobs({ ctx, input }: { ctx: OrgContext; input: z.input<typeof CardJobsInput> }): Promise<JobOut[]> {
  assertCan(ctx.roles, "run.read");
  const req = CardJobsInput.parse(input);
  const at = req.cardKey.lastIndexOf("-");
  const key = req.cardKey.slice(0, at).toUpperCase();
  const rows = await selectJobs(ctx.db)
    .where(and(eq(jobs.orgId, ctx.org.id), eq(projects.key, key), eq(cards.number, Number(req.cardKey.slice(at + 1)))))
    .orderBy(desc(jobs.queuedAt), desc(jobs.id))
    .limit(req.limit);
  return rows.map(toJobOut);
}
