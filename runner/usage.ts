import type { Usage } from "./protocol";

export interface Pricing {
  /** Watts a CPU-only job is assumed to draw, for its energy estimate. */
  cpuWatts: number;
  pricePerGpuHour: number;
  pricePerCpuHour: number;
}

/** Integrates sampled GPU power (W) over time into energy for one job's GPUs. */
export class EnergyMeter {
  private joules = 0;
  private last = performance.now();
  private sampled = false;

  sample(powersW: (number | null)[]) {
    const now = performance.now();
    const watts = powersW.reduce<number>((sum, w) => sum + (w ?? 0), 0);
    this.joules += (watts * (now - this.last)) / 1000;
    this.last = now;
    if (powersW.some((w) => w !== null)) this.sampled = true;
  }

  get wattHours() {
    return this.joules / 3600;
  }
  get measured() {
    return this.sampled;
  }
}

/** GPU jobs: GPU-seconds and measured energy; CPU-only jobs: energy estimated from `cpuWatts`. One CPU-hour is charged per wall hour either way. */
export function computeUsage(wallSeconds: number, gpuCount: number, meter: EnergyMeter, pricing: Pricing): Usage {
  const gpuSeconds = wallSeconds * gpuCount;
  const measured = gpuCount > 0 && meter.measured;
  const energyWh = measured ? meter.wattHours : (pricing.cpuWatts * wallSeconds) / 3600;
  const cost = (gpuSeconds / 3600) * pricing.pricePerGpuHour + (wallSeconds / 3600) * pricing.pricePerCpuHour;
  const round = (n: number, d = 6) => Math.round(n * 10 ** d) / 10 ** d;
  return { wallSeconds: round(wallSeconds, 3), gpuSeconds: round(gpuSeconds, 3), energyWh: round(energyWh), energySource: measured ? "nvidia-smi" : "cpu-estimate", cost: round(cost) };
}
