// One simulated runner process for bench/runner.ts (b): waits for "go" on stdin, then claims with
// waitMs 0 until the queue is empty, and prints {ids, start, end} (epoch ms) as one JSON line.
import { RunnerClient } from "@/runner/client";

async function main() {
  const [url, token] = [process.env.BENCH_URL!, process.env.BENCH_TOKEN!];
  const client = new RunnerClient({ url, token, retries: 2 });
  await client.claim({ freeGpus: 0, waitMs: 0, resources: { cpus: 2, memoryBytes: 2 ** 32, gpus: [] } }).then((r) => {
    if (r.kind === "run") throw new Error("the queue must be empty before go");
  });
  process.stdout.write("ready\n");
  await new Promise((resolve) => process.stdin.once("data", resolve));
  const ids: string[] = [];
  const start = performance.timeOrigin + performance.now();
  const cpu0 = process.cpuUsage();
  for (;;) {
    const res = await client.claim({ freeGpus: 0, waitMs: 0 });
    if (res.kind !== "run") break;
    ids.push(res.job.id);
  }
  const end = performance.timeOrigin + performance.now();
  const cpu = process.cpuUsage(cpu0);
  process.stdout.write(JSON.stringify({ ids, start, end, cpuMs: (cpu.user + cpu.system) / 1000 }) + "\n");
  process.exit(0);
}

void main();
