import { spawn } from "node:child_process";
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CompleteRequest } from "../protocol";
import { computeUsage, CpuTimeSampler, EnergyMeter, parseProcStat } from "../usage";

const pricing = { cpuWatts: 100, pricePerGpuHour: 2, pricePerCpuHour: 0.5 };

describe("usage extras", () => {
  it("per-GPU seconds and measured energy; CPU seconds", async () => {
    const m = new EnergyMeter();
    m.sample([null, null]);
    await new Promise((r) => setTimeout(r, 30));
    m.sample([300, null]);
    const u = computeUsage(60, 2, m, pricing, { cpuSeconds: 12.3456, gpus: [{ index: 2, name: "NVIDIA H100" }, { index: 5, name: "NVIDIA H100" }] });
    expect(u.cpuSeconds).toBe(12.346);
    expect(u.gpus).toEqual([
      { index: 2, name: "NVIDIA H100", seconds: 60, energyWh: expect.any(Number) },
      { index: 5, name: "NVIDIA H100", seconds: 60, energyWh: null },
    ]);
    expect(u.gpus![0]!.energyWh).toBeCloseTo(u.energyWh as number, 6);
  });

  it("old-format usage (no cpuSeconds, no gpus) still validates, with defaults", () => {
    const req = CompleteRequest.parse({ leaseId: crypto.randomUUID(), status: "succeeded", exitCode: 0, usage: { wallSeconds: 1, gpuSeconds: 0, energyWh: 0.1, energySource: "cpu-estimate", cost: 0 } });
    expect(req.usage).toMatchObject({ cpuSeconds: 0, gpus: [] });
  });
});

describe("CPU time from /proc", () => {
  it("parses /proc/<pid>/stat, command names with spaces and parentheses included", () => {
    const line = "4242 (my (weird) cmd) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 75 3 1 20 0 1 0 123 0 0";
    expect(parseProcStat(line)).toEqual({ pgrp: 4242, utime: 250, stime: 75 });
    expect(parseProcStat("garbage")).toBeNull();
  });

  it("sums the largest utime + stime seen per process of the group", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "proc-"));
    const stat = async (pid: number, pgrp: number, utime: number, stime: number) => {
      await mkdir(path.join(dir, String(pid)), { recursive: true });
      await writeFile(path.join(dir, String(pid), "stat"), `${pid} (bash) S 1 ${pgrp} ${pgrp} 0 -1 0 0 0 0 0 ${utime} ${stime} 0 0 20 0 1 0 1 0 0`);
    };
    await stat(10, 10, 100, 50);
    await stat(11, 10, 20, 0);
    await stat(99, 99, 5000, 0); // another group
    await mkdir(path.join(dir, "self"));
    const s = new CpuTimeSampler(dir);
    await s.sample(10);
    expect(s.seconds).toBe(1.7);
    await stat(10, 10, 200, 50); // grew
    await stat(11, 10, 0, 0); // cannot shrink: the max is kept
    await s.sample(10);
    expect(s.seconds).toBe(2.7);
    expect(s.available).toBe(true);
    const none = new CpuTimeSampler(path.join(dir, "missing"));
    await none.sample(10);
    expect(none.available).toBe(false);
    expect(none.seconds).toBe(0);
  });

  it.runIf(existsSync("/proc/self/stat"))("measures a busy process group on Linux", async () => {
    const child = spawn("bash", ["-c", "end=$((SECONDS+2)); while [ $SECONDS -lt $end ]; do :; done"], { detached: true, stdio: "ignore" });
    const s = new CpuTimeSampler();
    const exited = new Promise((r) => child.on("exit", r));
    const timer = setInterval(() => void s.sample(child.pid!), 200);
    await exited;
    clearInterval(timer);
    expect(s.seconds).toBeGreaterThan(0.5);
  }, 10_000);
});
