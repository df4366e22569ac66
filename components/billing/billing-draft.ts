import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/trpc/root";

type BillingSettings = inferRouterOutputs<AppRouter>["billing"]["get"];
type BillingInput = inferRouterInputs<AppRouter>["billing"]["put"];

/** The settings as typed in the form: every number a string, empty for "not set". */
export interface BillingDraft {
  currency: string;
  cpuHourRate: string;
  gridIntensity: string;
  gpuRates: { pattern: string; hourlyRate: string }[];
  runners: { runnerId: string; name: string; gpuNames: string[]; hourlyRate: string; gridIntensity: string }[];
}
export type GpuRateDraft = BillingDraft["gpuRates"][number];
export type RunnerDraft = BillingDraft["runners"][number];

const str = (n: number | null) => (n === null ? "" : String(n));
const numOrNull = (s: string) => (s.trim() === "" ? null : Number(s));

export function toBillingDraft(s: BillingSettings): BillingDraft {
  return {
    currency: s.currency,
    cpuHourRate: String(s.cpuHourRate),
    gridIntensity: str(s.gridIntensity),
    gpuRates: s.gpuRates.map((r) => ({ pattern: r.pattern, hourlyRate: String(r.hourlyRate) })),
    runners: s.runners.map((r) => ({ runnerId: r.runnerId, name: r.name, gpuNames: r.gpuNames, hourlyRate: str(r.hourlyRate), gridIntensity: str(r.gridIntensity) })),
  };
}

/** What billing.put stores: empty rates are 0, empty overrides and intensities are "not set", rows without a pattern are dropped. */
export function toBillingInput(org: string, d: BillingDraft): BillingInput {
  return {
    org,
    currency: d.currency,
    cpuHourRate: Number(d.cpuHourRate || 0),
    gridIntensity: numOrNull(d.gridIntensity),
    gpuRates: d.gpuRates.filter((r) => r.pattern.trim()).map((r) => ({ pattern: r.pattern, hourlyRate: Number(r.hourlyRate || 0) })),
    runners: d.runners.map((r) => ({ runnerId: r.runnerId, hourlyRate: numOrNull(r.hourlyRate), gridIntensity: numOrNull(r.gridIntensity) })),
  };
}

/** The list with item `i` patched: the rows of the GPU rate and runner override tables. */
export const patchAt = <T>(list: T[], i: number, patch: Partial<T>): T[] => list.map((x, j) => (j === i ? { ...x, ...patch } : x));
