import { execFile } from "node:child_process";
import os from "node:os";
import type { Gpu, Resources } from "./protocol";

const QUERY = ["--query-gpu=index,name,memory.total,utilization.gpu,power.draw", "--format=csv,noheader,nounits"];

const num = (s: string | undefined): number | null => {
  const n = Number((s ?? "").trim());
  return s !== undefined && s.trim() !== "" && Number.isFinite(n) ? n : null;
};

/** Parses `nvidia-smi --query-gpu=index,name,memory.total,utilization.gpu,power.draw --format=csv,noheader,nounits`; unparseable lines are skipped. */
export function parseNvidiaSmi(output: string): Gpu[] {
  const gpus: Gpu[] = [];
  for (const line of output.split(/\r?\n/)) {
    const cols = line.split(",").map((c) => c.trim());
    if (cols.length !== 5) continue;
    const index = num(cols[0]);
    const memoryMb = num(cols[2]);
    if (index === null || !Number.isInteger(index) || index < 0 || memoryMb === null || memoryMb < 0 || !cols[1]) continue;
    const utilization = num(cols[3]);
    const powerW = num(cols[4]); // "[N/A]" on boards that do not report power
    gpus.push({
      index,
      name: cols[1]!.slice(0, 200),
      memoryMb,
      utilization: utilization !== null && utilization >= 0 && utilization <= 100 ? utilization : null,
      powerW: powerW !== null && powerW >= 0 ? powerW : null,
    });
  }
  return gpus;
}

/** GPUs as nvidia-smi reports them now; no binary, a failing one or garbage output means a CPU-only machine. */
export function detectGpus(timeoutMs = 10_000): Promise<Gpu[]> {
  return new Promise((resolve) => {
    execFile("nvidia-smi", QUERY, { timeout: timeoutMs }, (err, stdout) => {
      resolve(err ? [] : parseNvidiaSmi(String(stdout)));
    });
  });
}

export async function detectResources(): Promise<Resources> {
  return { cpus: Math.max(1, os.availableParallelism()), memoryBytes: os.totalmem(), gpus: await detectGpus() };
}
