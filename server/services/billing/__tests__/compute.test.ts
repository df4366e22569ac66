import { describe, expect, it } from "vitest";
import { Usage } from "@/runner/protocol";
import { gpuRateFor, priceUsage, sumUsage, type PriceBook } from "../compute";

const book = (over: Partial<PriceBook> = {}): PriceBook => ({
  currency: "EUR",
  cpuHourRate: 0.5,
  gridIntensity: 400,
  gpuRates: [
    { pattern: "H100", hourlyRate: 3 },
    { pattern: "h100 nvl", hourlyRate: 4 },
    { pattern: "A100", hourlyRate: 2 },
  ],
  runner: null,
  ...over,
});

describe("GPU type matching", () => {
  it("matches the pattern inside the GPU name, case-insensitively; the longest pattern wins", () => {
    expect(gpuRateFor("NVIDIA H100 80GB HBM3", book().gpuRates)).toBe(3);
    expect(gpuRateFor("NVIDIA H100 NVL", book().gpuRates)).toBe(4);
    expect(gpuRateFor("nvidia a100-sxm4-80gb", book().gpuRates)).toBe(2);
    expect(gpuRateFor("Tesla T4", book().gpuRates)).toBeNull();
  });
  it('"*" is the fallback for any other GPU', () => {
    const rates = [...book().gpuRates, { pattern: "*", hourlyRate: 1 }];
    expect(gpuRateFor("Tesla T4", rates)).toBe(1);
    expect(gpuRateFor("NVIDIA H100", rates)).toBe(3);
  });
});

describe("priceUsage", () => {
  const gpuJob = Usage.parse({
    wallSeconds: 3600,
    gpuSeconds: 7200,
    gpus: [
      { index: 0, name: "NVIDIA H100 80GB HBM3", seconds: 3600, energyWh: 300 },
      { index: 1, name: "Tesla T4", seconds: 3600, energyWh: 50 },
    ],
    energyWh: 350,
    energySource: "nvidia-smi",
    cost: 1234,
  });

  it("prices each GPU by its type plus CPU hours, ignoring the runner's cost; CO2e from the org intensity", () => {
    // H100 1 h × 3 + T4 unpriced + 1 h × 0.5 CPU; 0.35 kWh × 400 = 140 g
    expect(priceUsage(gpuJob, book())).toMatchObject({ cost: 3.5, currency: "EUR", co2eGrams: 140, costBasis: "rates" });
  });

  it("a runner's hourly rate takes precedence over GPU and CPU rates; its grid intensity over the org's", () => {
    const p = priceUsage(gpuJob, book({ runner: { hourlyRate: 10, gridIntensity: 50 } }));
    expect(p).toMatchObject({ cost: 10, co2eGrams: 17.5, costBasis: "runner" });
    // only an intensity override: rates still apply
    expect(priceUsage(gpuJob, book({ runner: { hourlyRate: null, gridIntensity: 0 } }))).toMatchObject({ cost: 3.5, co2eGrams: 0, costBasis: "rates" });
    // only a rate override: org intensity
    expect(priceUsage(gpuJob, book({ runner: { hourlyRate: 1, gridIntensity: null } }))).toMatchObject({ cost: 1, co2eGrams: 140 });
  });

  it("CPU-only: wall hours × CPU rate; the energy estimate (cpu watts × wall) gives the CO2e", () => {
    const cpuJob = Usage.parse({ wallSeconds: 1800, gpuSeconds: 0, energyWh: 32.5, energySource: "cpu-estimate", cost: 99 });
    expect(cpuJob).toMatchObject({ cpuSeconds: 0, gpus: [] });
    expect(priceUsage(cpuJob, book())).toMatchObject({ cost: 0.25, co2eGrams: 13, costBasis: "rates" });
    expect(priceUsage(cpuJob, book({ gridIntensity: null }))).toMatchObject({ co2eGrams: null });
  });

  it("older agents without a per-GPU breakdown: GPU-seconds priced by the runner's GPU name", () => {
    const old = Usage.parse({ wallSeconds: 3600, gpuSeconds: 7200, energyWh: 500, energySource: "nvidia-smi", cost: 0 });
    expect(priceUsage(old, book(), "NVIDIA A100-SXM4-80GB").cost).toBe(2 * 2 + 0.5);
    expect(priceUsage(old, book(), "").cost).toBe(0.5);
  });
});

describe("sumUsage", () => {
  it("sums hours, energy, cost per currency and CO2e; skips unfinished jobs", () => {
    const t = sumUsage([
      Usage.parse({ wallSeconds: 1800, gpuSeconds: 3600, energyWh: 400, energySource: "nvidia-smi", cost: 3.25, currency: "EUR", co2eGrams: 160 }),
      Usage.parse({ wallSeconds: 3600, cpuSeconds: 1800, gpuSeconds: 0, energyWh: 65, energySource: "cpu-estimate", cost: 2, currency: "EUR", co2eGrams: null }),
      Usage.parse({ wallSeconds: 360, gpuSeconds: 0, energyWh: 6.5, energySource: "cpu-estimate", cost: 1, currency: "USD", co2eGrams: 2.6 }),
      null,
    ]);
    expect(t).toEqual({
      jobs: 3,
      wallHours: 1.6,
      cpuHours: 0.5,
      gpuHours: 1,
      energyKWh: 0.4715,
      measuredEnergyJobs: 1,
      costs: [
        { currency: "EUR", amount: 5.25 },
        { currency: "USD", amount: 1 },
      ],
      co2eKg: 0.1626,
      jobsWithoutCo2e: 1,
    });
  });
});
