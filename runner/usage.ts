import { readdir, readFile } from "node:fs/promises";
import type { GpuUsage, UsageInput } from "./protocol";

/**
 * Local pricing flags (--cpu-watts, --gpu-hour-price, --cpu-hour-price). Only `cpuWatts` matters to a
 * current server: it prices jobs itself from the organization's billing settings and ignores the
 * `cost` a runner sends (kept on the wire for older servers).
 */
export interface Pricing {
  /** Watts a CPU-only job is assumed to draw, for its energy estimate. */
  cpuWatts: number;
  pricePerGpuHour: number;
  pricePerCpuHour: number;
}

/** Integrates sampled GPU power (W) over time into energy, in total and per GPU (by position in the sample). */
export class EnergyMeter {
  private joules = 0;
  private perGpu: number[] = [];
  private perGpuSampled: boolean[] = [];
  private last = performance.now();
  private sampled = false;

  sample(powersW: (number | null)[]) {
    const now = performance.now();
    const dt = (now - this.last) / 1000;
    powersW.forEach((w, i) => {
      this.perGpu[i] = (this.perGpu[i] ?? 0) + (w ?? 0) * dt;
      if (w !== null) this.perGpuSampled[i] = true;
    });
    const watts = powersW.reduce<number>((sum, w) => sum + (w ?? 0), 0);
    this.joules += watts * dt;
    this.last = now;
    if (powersW.some((w) => w !== null)) this.sampled = true;
  }

  get wattHours() {
    return this.joules / 3600;
  }
  get measured() {
    return this.sampled;
  }
  /** Energy of the GPU at `position` of the samples; null when nvidia-smi never reported its power. */
  gpuWattHours(position: number): number | null {
    return this.perGpuSampled[position] ? (this.perGpu[position] ?? 0) / 3600 : null;
  }
}

/** Linux reports /proc times in USER_HZ, which is 100 on every architecture Node runs on. */
const CLOCK_TICKS_PER_SECOND = 100;

/**
 * CPU time of a job's process group, from periodic /proc/<pid>/stat samples (Linux only).
 *
 * The job runs in its own process group (detached spawn), so every tick we scan /proc for processes
 * whose pgrp is the job's and keep, per pid, the largest utime + stime seen; the total is their sum.
 * Node offers no rusage for children, and once the agent reaps the job's root its times are gone,
 * so this undercounts: the CPU a process used after its last sample (at most one interval), and
 * processes that lived less than one interval, are missed; a process that leaves the group (setsid)
 * is not followed. Children's cutime/cstime are not added (that would count reaped children twice).
 * Where /proc is missing (macOS, Windows) `seconds` stays 0 and `available` false.
 */
export class CpuTimeSampler {
  private ticksByPid = new Map<number, number>();
  private ok: boolean | null = null;

  constructor(private readonly procDir = "/proc") {}

  async sample(pgid: number): Promise<void> {
    let entries: string[];
    try {
      entries = await readdir(this.procDir);
    } catch {
      this.ok = false;
      return;
    }
    this.ok = true;
    await Promise.all(
      entries.map(async (name) => {
        if (!/^\d+$/.test(name)) return;
        let text: string;
        try {
          text = await readFile(`${this.procDir}/${name}/stat`, "utf8");
        } catch {
          return; // exited meanwhile
        }
        const parsed = parseProcStat(text);
        if (!parsed || parsed.pgrp !== pgid) return;
        const pid = Number(name);
        this.ticksByPid.set(pid, Math.max(this.ticksByPid.get(pid) ?? 0, parsed.utime + parsed.stime));
      }),
    );
  }

  get available() {
    return this.ok === true;
  }
  get seconds() {
    let ticks = 0;
    for (const t of this.ticksByPid.values()) ticks += t;
    return ticks / CLOCK_TICKS_PER_SECOND;
  }
}

/** pgrp, utime and stime (clock ticks) from a /proc/<pid>/stat line; the command name may hold spaces and parentheses. */
export function parseProcStat(text: string): { pgrp: number; utime: number; stime: number } | null {
  const close = text.lastIndexOf(")");
  if (close < 0) return null;
  // after ") ": state(3) ppid(4) pgrp(5) … utime(14) stime(15); field n is at index n - 3
  const f = text.slice(close + 2).trim().split(/\s+/);
  const pgrp = Number(f[2]);
  const utime = Number(f[11]);
  const stime = Number(f[12]);
  if (![pgrp, utime, stime].every(Number.isFinite)) return null;
  return { pgrp, utime, stime };
}

export interface UsageExtras {
  /** CPU seconds of the job (see CpuTimeSampler); omitted: 0. */
  cpuSeconds?: number;
  /** The job's GPUs in the order the meter was sampled; each is held for the whole wall time. */
  gpus?: { index: number; name: string }[];
}

/**
 * GPU jobs: GPU-seconds and measured energy; CPU-only jobs: energy estimated from `cpuWatts` × wall time.
 * With `extras`, also CPU seconds and a per-GPU breakdown. `cost` is the local estimate from the flags
 * (one CPU-hour per wall hour plus GPU-hours); the server replaces it.
 */
export function computeUsage(wallSeconds: number, gpuCount: number, meter: EnergyMeter, pricing: Pricing, extras?: UsageExtras): UsageInput {
  const gpuSeconds = wallSeconds * gpuCount;
  const measured = gpuCount > 0 && meter.measured;
  const energyWh = measured ? meter.wattHours : (pricing.cpuWatts * wallSeconds) / 3600;
  const cost = (gpuSeconds / 3600) * pricing.pricePerGpuHour + (wallSeconds / 3600) * pricing.pricePerCpuHour;
  const round = (n: number, d = 6) => Math.round(n * 10 ** d) / 10 ** d;
  const base = { wallSeconds: round(wallSeconds, 3), gpuSeconds: round(gpuSeconds, 3), energyWh: round(energyWh), energySource: measured ? "nvidia-smi" : "cpu-estimate", cost: round(cost) } as const;
  if (!extras) return base;
  const gpus: GpuUsage[] = (extras.gpus ?? []).map((g, i) => {
    const wh = meter.gpuWattHours(i);
    return { index: g.index, name: g.name, seconds: round(wallSeconds, 3), energyWh: wh === null ? null : round(wh) };
  });
  return { ...base, cpuSeconds: round(extras.cpuSeconds ?? 0, 3), gpus };
}
