import type { BadgeTone } from "@/components/ui/badge";

export const JOB_TONE: Record<string, BadgeTone> = { queued: "neutral", running: "sky", succeeded: "green", failed: "red", cancelled: "amber" };

export const isActive = (j: { state: string }) => j.state === "queued" || j.state === "running";

function seconds(s: number) {
  if (s < 60) return `${s.toFixed(s < 10 ? 1 : 0)} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
  return `${Math.floor(s / 3600)} h ${Math.round((s % 3600) / 60)} min`;
}

/** Queued for / running for / took. */
export function jobDuration(j: { state: string; queuedAt: Date; startedAt: Date | null; finishedAt: Date | null }, now = Date.now()) {
  if (!j.startedAt) return j.finishedAt ? "never started" : `queued ${seconds((now - j.queuedAt.getTime()) / 1000)}`;
  const end = j.finishedAt?.getTime() ?? now;
  return `${j.finishedAt ? "took" : "running"} ${seconds((end - j.startedAt.getTime()) / 1000)}`;
}

/** The cost in the currency the server priced the job in (Runners → Costs & carbon); jobs priced before that have none. */
export function usageLine(u: { wallSeconds: number; gpuSeconds: number; energyWh: number; cost: number; currency?: string }) {
  return `${seconds(u.wallSeconds)} wall · ${Math.round(u.gpuSeconds)} GPU-s · ${u.energyWh.toFixed(u.energyWh < 1 ? 3 : 1)} Wh · ${u.cost.toFixed(2)}${u.currency ? ` ${u.currency}` : ""}`;
}
