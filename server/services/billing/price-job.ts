import type { Db } from "@/db/client";
import type { jobs, runners } from "@/db/schema";
import type { Usage } from "@/runner/protocol";
import { setTag } from "../mlflow/logging";
import { jobProjectContext } from "../runner-protocol/internal";
import { priceUsage } from "./compute";
import { loadPriceBook } from "./settings";

/**
 * The usage to store on a completing job: the runner's measurements (wall, CPU, GPU time, energy)
 * priced with the organization's settings and the runner's override. The runner's `cost`,
 * `currency` and `co2eGrams` are discarded.
 */
export async function priceJobUsage(db: Db, runner: Pick<typeof runners.$inferSelect, "id" | "orgId" | "resources">, usage: Usage): Promise<Usage> {
  const book = await loadPriceBook(db, runner.orgId, runner.id);
  return priceUsage(usage, book, runner.resources.gpus[0]?.name ?? "");
}

/** Tags the job's MLflow run with runboard.cost, runboard.energy_wh and runboard.co2e_g (set-tag verb as the job's creator; skipped if the run refuses). */
export async function tagRunUsage(db: Db, job: typeof jobs.$inferSelect, usage: Usage) {
  const ctx = await jobProjectContext(db, job);
  if (!ctx) return;
  const tags: [string, string][] = [
    ["runboard.cost", `${usage.cost} ${usage.currency ?? ""}`.trim()],
    ["runboard.energy_wh", String(usage.energyWh)],
  ];
  if (usage.co2eGrams != null) tags.push(["runboard.co2e_g", String(usage.co2eGrams)]);
  for (const [key, value] of tags) {
    try {
      await setTag({ ctx, input: { runId: job.runId, key, value } });
    } catch {
      // a deleted run, or a creator who may no longer write runs: the job still completes
    }
  }
}
