import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { GpuAllocator } from "../allocator";
import { detectGpus, parseNvidiaSmi } from "../gpu";
import { parseMetricLine } from "../metrics";
import { computeUsage, EnergyMeter } from "../usage";

const originalPath = process.env.PATH;
afterEach(() => {
  process.env.PATH = originalPath;
});

/** Puts a fake `nvidia-smi` printing `output` (or failing) first on PATH. */
function fakeNvidiaSmi(script: string) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "fake-smi-"));
  const file = path.join(dir, "nvidia-smi");
  writeFileSync(file, `#!/bin/sh\n${script}\n`);
  chmodSync(file, 0o755);
  process.env.PATH = `${dir}:${originalPath}`;
  return dir;
}

describe("nvidia-smi detection", () => {
  it("reads one GPU", async () => {
    fakeNvidiaSmi(`echo "0, NVIDIA H100 80GB HBM3, 81559, 37, 312.45"`);
    expect(await detectGpus()).toEqual([{ index: 0, name: "NVIDIA H100 80GB HBM3", memoryMb: 81559, utilization: 37, powerW: 312.45 }]);
  });

  it("reads two GPUs, with power not reported on one", async () => {
    fakeNvidiaSmi(`printf '0, NVIDIA A100-SXM4-40GB, 40960, 0, 55.1\\n1, Tesla T4, 15360, 99, [N/A]\\n'`);
    const gpus = await detectGpus();
    expect(gpus.map((g) => [g.index, g.name, g.memoryMb, g.utilization, g.powerW])).toEqual([
      [0, "NVIDIA A100-SXM4-40GB", 40960, 0, 55.1],
      [1, "Tesla T4", 15360, 99, null],
    ]);
  });

  it("a missing binary means a CPU-only runner", async () => {
    process.env.PATH = mkdtempSync(path.join(os.tmpdir(), "empty-path-"));
    expect(await detectGpus()).toEqual([]);
  });

  it("garbage output or a failing binary means no GPUs", async () => {
    fakeNvidiaSmi(`echo "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver"`);
    expect(await detectGpus()).toEqual([]);
    fakeNvidiaSmi(`echo "0, X, 1, 2, 3"; exit 9`);
    expect(await detectGpus()).toEqual([]);
    expect(parseNvidiaSmi("a, b, c, d, e\n-1, GPU, 10, 1, 1\n0, , 10, 1, 1\n\n")).toEqual([]);
  });
});

describe("GPU allocation", () => {
  it("never hands one GPU to two jobs and refuses what it cannot satisfy", () => {
    const a = new GpuAllocator([0, 1, 2, 3]);
    const first = a.take(2)!;
    const second = a.take(1)!;
    expect(first).toEqual([0, 1]);
    expect(second).toEqual([2]);
    expect(a.take(2)).toBeNull();
    expect(a.freeCount).toBe(1);
    a.release(first);
    const third = a.take(3)!;
    expect(third.sort()).toEqual([0, 1, 3]);
    expect(new Set([...second, ...third]).size).toBe(4);
    expect(a.take(0)).toEqual([]);
  });
});

describe("::metric lines", () => {
  it("parses name, step and value in any order", () => {
    expect(parseMetricLine("::metric name=acc step=3 value=0.91", 5)).toEqual({ key: "acc", value: 0.91, step: 3, timestamp: 5 });
    expect(parseMetricLine("  ::metric value=-1e-3 name=val/loss  ", 5)).toEqual({ key: "val/loss", value: -0.001, step: 0, timestamp: 5 });
  });
  it("ignores anything else", () => {
    for (const line of ["metric name=a value=1", "::metric name=a", "::metric name=a value=x", "::metric name=a value=1 step=-1", "::metric name=a value=NaN", "::metricname=a value=1", "say ::metric name=a value=1"]) {
      expect(parseMetricLine(line)).toBeNull();
    }
  });
});

describe("usage", () => {
  it("CPU-only jobs estimate energy from the configured watts and charge CPU-hours", () => {
    const u = computeUsage(3600, 0, new EnergyMeter(), { cpuWatts: 100, pricePerGpuHour: 2, pricePerCpuHour: 0.5 });
    expect(u).toEqual({ wallSeconds: 3600, gpuSeconds: 0, energyWh: 100, energySource: "cpu-estimate", cost: 0.5 });
  });
  it("GPU jobs integrate sampled power", async () => {
    const m = new EnergyMeter();
    m.sample([null, null]);
    await new Promise((r) => setTimeout(r, 50));
    m.sample([300, 100]);
    const u = computeUsage(1800, 2, m, { cpuWatts: 100, pricePerGpuHour: 2, pricePerCpuHour: 0 });
    expect(u.energySource).toBe("nvidia-smi");
    expect(u.gpuSeconds).toBe(3600);
    expect(u.cost).toBe(2);
    expect(u.energyWh).toBeGreaterThan(0.004);
    expect(u.energyWh).toBeLessThan(0.05);
  });
});
