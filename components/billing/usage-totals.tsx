"use client";

import { useEffect } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { isActive } from "@/components/jobs/format";
import { useTRPC } from "@/lib/trpc";
import type { UsageTotals } from "@/server/services/billing/compute";

/** `d` decimals; a non-zero amount too small for them keeps 2 significant digits instead of reading as 0 (a few seconds' job is 0.00056 h, 0.000036 kWh). */
const num = (n: number, d = 2) =>
  n.toLocaleString(undefined, n !== 0 && Math.abs(n) < 0.5 * 10 ** -d ? { maximumSignificantDigits: 2 } : { maximumFractionDigits: d });
export const formatCost = (costs: UsageTotals["costs"]) =>
  costs.length ? costs.map((c) => `${num(c.amount)} ${c.currency}`).join(" + ") : "0";

/** Where the numbers come from, for the tooltip. */
export function totalsSources(t: UsageTotals, scope: string) {
  return [
    `${scope}: ${t.jobs} finished job${t.jobs === 1 ? "" : "s"}.`,
    `Energy: measured from nvidia-smi power samples for ${t.measuredEnergyJobs} job(s); CPU-only jobs are estimated from the runner's configured CPU power × wall time.`,
    "Cost: priced by the server when each job finished, from the organization's GPU-type, CPU and per-runner hourly rates (Runners → Costs & carbon).",
    `CO2e: energy × grid intensity (org setting or runner override)${t.jobsWithoutCo2e ? `; ${t.jobsWithoutCo2e} job(s) had no intensity configured` : ""}.`,
  ].join("\n");
}

/** "1.5 h wall · 1 GPU-h · 0.47 kWh · 5.25 EUR · 0.17 kg CO2e", with the sources as a tooltip. */
export function TotalsLine({ totals, scope, className }: { totals: UsageTotals; scope: string; className?: string }) {
  const t = totals;
  return (
    <span className={className ?? "text-xs text-zinc-500 tabular-nums dark:text-zinc-400"} title={totalsSources(t, scope)} data-testid="usage-totals">
      {num(t.wallHours)} h wall · {num(t.gpuHours)} GPU-h · {num(t.energyKWh, 3)} kWh · {formatCost(t.costs)} · {num(t.co2eKg, 3)} kg CO2e
    </span>
  );
}

/** The card's totals, fetched again whenever one of its jobs finishes (the card's job list is live). */
export function CardUsageTotals({ org, cardKey }: { org: string; cardKey: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const jobs = useQuery(trpc.jobs.forCard.queryOptions({ org, cardKey }));
  const finished = jobs.data?.filter((j) => !isActive(j)).length;
  useEffect(() => {
    if (finished !== undefined) void qc.invalidateQueries({ queryKey: trpc.billing.cardTotals.queryKey({ org, cardKey }) });
  }, [finished, org, cardKey, qc, trpc]);
  const q = useQuery(trpc.billing.cardTotals.queryOptions({ org, cardKey }));
  if (!q.data || q.data.jobs === 0) return null;
  return (
    <p className="mb-2">
      <TotalsLine totals={q.data} scope="All jobs of this card" />
    </p>
  );
}

export function SprintUsageTotals({ org, sprintId, className }: { org: string; sprintId: string; className?: string }) {
  const trpc = useTRPC();
  const q = useQuery(trpc.billing.sprintTotals.queryOptions({ org, sprintId }));
  if (!q.data || q.data.jobs === 0) return null;
  const scope =
    q.data.window === "sprint"
      ? "Jobs of the sprint's cards that finished while the sprint was open"
      : "Sprint not started: every finished job of its cards";
  return <TotalsLine totals={q.data} scope={scope} className={className} />;
}
