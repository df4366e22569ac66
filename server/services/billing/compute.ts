import type { Usage } from "@/runner/protocol";

/** The org settings and overrides that price one job. */
export interface PriceBook {
  currency: string;
  /** Per wall hour of each job. */
  cpuHourRate: number;
  /** gCO2e/kWh; null: not configured. */
  gridIntensity: number | null;
  gpuRates: { pattern: string; hourlyRate: number }[];
  runner: { hourlyRate: number | null; gridIntensity: number | null } | null;
}

export const DEFAULT_CURRENCY = "EUR";

/**
 * The GPU-hour rate for a GPU name: rates whose pattern occurs in the name (case-insensitive) match,
 * the longest pattern wins ("H100 NVL" over "H100"), and "*" matches any GPU as a last resort.
 * No match: null (the GPU is not charged).
 */
export function gpuRateFor(name: string, rates: PriceBook["gpuRates"]): number | null {
  const lower = name.toLowerCase();
  let best: { len: number; rate: number } | null = null;
  for (const r of rates) {
    const p = r.pattern.trim().toLowerCase();
    const len = p === "*" ? 0 : p.length;
    if (p !== "*" && (p === "" || !lower.includes(p))) continue;
    if (!best || len > best.len) best = { len, rate: r.hourlyRate };
  }
  return best?.rate ?? null;
}

const round = (n: number, d = 6) => Math.round(n * 10 ** d) / 10 ** d;

/**
 * Cost and CO2e of a finished job, from the server's price book (the runner's own `cost` is ignored):
 * - runner with an hourly rate: wall hours × that rate (it replaces the GPU and CPU rates);
 * - otherwise: Σ per GPU (seconds / 3600 × its type's rate) + wall hours × CPU hourly rate.
 *   Without a per-GPU breakdown (older agents) the GPU-seconds are priced by the runner's first GPU name.
 * - CO2e: energyWh / 1000 × grid intensity (runner override, else org); null when neither is set.
 */
export function priceUsage(usage: Usage, book: PriceBook, fallbackGpuName = ""): Usage {
  const wallHours = usage.wallSeconds / 3600;
  let cost: number;
  let costBasis: "runner" | "rates";
  if (book.runner?.hourlyRate != null) {
    cost = wallHours * book.runner.hourlyRate;
    costBasis = "runner";
  } else {
    const gpus = usage.gpus.length ? usage.gpus : usage.gpuSeconds > 0 ? [{ name: fallbackGpuName, seconds: usage.gpuSeconds }] : [];
    const gpuCost = gpus.reduce((sum, g) => sum + (g.seconds / 3600) * (gpuRateFor(g.name, book.gpuRates) ?? 0), 0);
    cost = gpuCost + wallHours * book.cpuHourRate;
    costBasis = "rates";
  }
  const intensity = book.runner?.gridIntensity ?? book.gridIntensity;
  const co2eGrams = intensity == null ? null : round((usage.energyWh / 1000) * intensity);
  return { ...usage, cost: round(cost), currency: book.currency, co2eGrams, costBasis };
}

export interface UsageTotals {
  jobs: number;
  wallHours: number;
  cpuHours: number;
  gpuHours: number;
  energyKWh: number;
  /** Jobs whose energy was measured with nvidia-smi; the rest are CPU estimates. */
  measuredEnergyJobs: number;
  /** One entry per currency the jobs were priced in (several only if the currency was changed). */
  costs: { currency: string; amount: number }[];
  co2eKg: number;
  /** Jobs without a CO2e figure (no grid intensity configured when they finished). */
  jobsWithoutCo2e: number;
}

/** Sums finished jobs' usage; rounding only at the end. */
export function sumUsage(usages: (Usage | null)[]): UsageTotals {
  const t = { jobs: 0, wall: 0, cpu: 0, gpu: 0, wh: 0, measured: 0, co2e: 0, noCo2e: 0 };
  const costs = new Map<string, number>();
  for (const u of usages) {
    if (!u) continue;
    t.jobs++;
    t.wall += u.wallSeconds;
    t.cpu += u.cpuSeconds ?? 0;
    t.gpu += u.gpuSeconds;
    t.wh += u.energyWh;
    if (u.energySource === "nvidia-smi") t.measured++;
    const cur = u.currency ?? DEFAULT_CURRENCY;
    costs.set(cur, (costs.get(cur) ?? 0) + (u.cost ?? 0));
    if (u.co2eGrams == null) t.noCo2e++;
    else t.co2e += u.co2eGrams;
  }
  return {
    jobs: t.jobs,
    wallHours: round(t.wall / 3600),
    cpuHours: round(t.cpu / 3600),
    gpuHours: round(t.gpu / 3600),
    energyKWh: round(t.wh / 1000),
    measuredEnergyJobs: t.measured,
    costs: [...costs].map(([currency, amount]) => ({ currency, amount: round(amount) })).sort((a, b) => a.currency.localeCompare(b.currency)),
    co2eKg: round(t.co2e / 1000),
    jobsWithoutCo2e: t.noCo2e,
  };
}
