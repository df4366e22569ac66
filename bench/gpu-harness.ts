// GPU check that travels without node_modules: the real runner protocol handlers on an in-memory
// PGlite (or PostgreSQL) behind node:http, and the real agent (bundled) as a child process over real HTTP. It
// queues two jobs at once, each asking for 1 GPU, plus a CPU-only job, and prints what the agent
// detected with nvidia-smi, what CUDA_VISIBLE_DEVICES each job saw, the logs and the usage.
// Built by bench/gpu-bundle.sh; run with: node harness.mjs RUNNER_BUNDLE
import { spawn } from "node:child_process";
import os from "node:os";
import { mkdtempSync } from "node:fs";
import path from "node:path";
import { openDatabase } from "@/db/client";
import { createPostgresTestDb } from "@/db/testing";
import { getJob, getJobLogs } from "@/server/services/jobs/read-jobs";
import { listRunners } from "@/server/services/runners/runners-admin";
import { setupRunnerWorld } from "@/server/services/runner-protocol/__tests__/testing";
import { serveRunnerProtocol } from "./runner-serve";

async function main() {
  const runnerBundle = process.argv[2]!;
  // PostgreSQL where TEST_DATABASE_URL names one (bench/gpu-device.sh starts one), else in-memory PGlite
  const database = process.env.TEST_DATABASE_URL ? await createPostgresTestDb(process.env.TEST_DATABASE_URL) : await openDatabase({ kind: "pglite", dir: "memory://" });
  const world = await setupRunnerWorld(database.db);
  const server = await serveRunnerProtocol(database.db, { leaseTtlMs: 60_000, heartbeatMs: 5_000, pollMs: 200 });
  const url = server.url;
  const gpuJob = `nvidia-smi -L; echo "CUDA_VISIBLE_DEVICES=[$CUDA_VISIBLE_DEVICES]"
python3 -c "
import torch, time
print('torch sees', torch.cuda.device_count(), 'GPU(s):', torch.cuda.get_device_name(0) if torch.cuda.is_available() else 'none')
x = torch.randn(8192, 8192, device='cuda')
t = time.time()
for _ in range(50): y = x @ x
torch.cuda.synchronize()
print('::metric name=matmul_seconds step=0 value=%.4f' % (time.time() - t))
time.sleep(3)
"`;
  const jobs = [
    await world.queue({ spec: { kind: "command", command: gpuJob }, gpus: 1 }),
    await world.queue({ spec: { kind: "command", command: gpuJob }, gpus: 1 }),
    await world.queue({ spec: { kind: "command", command: 'echo "cpu job: CUDA_VISIBLE_DEVICES=[$CUDA_VISIBLE_DEVICES]"' }, gpus: 0 }),
  ];
  const agent = spawn(process.execPath, [runnerBundle, "--url", url, "--token", world.reg.token, "--name", "gpu-check", "--labels", "gpu", "--concurrency", "3", "--work-dir", mkdtempSync(path.join(os.tmpdir(), "gpu-check-"))], {
    stdio: ["ignore", "inherit", "inherit"],
  });
  const deadline = Date.now() + Number(process.env.GPU_CHECK_TIMEOUT_S ?? 240) * 1000;
  for (;;) {
    const states = await Promise.all(jobs.map((j) => getJob({ ctx: world.dev, input: { id: j.id } })));
    if (states.every((s) => ["succeeded", "failed", "cancelled"].includes(s.state)) || Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  const runners = await listRunners({ ctx: world.admin });
  console.log("\n== runner as registered:", JSON.stringify(runners.map((r) => ({ name: r.name, labels: r.labels, resources: r.resources })), null, 2));
  for (const j of jobs) {
    const job = await getJob({ ctx: world.dev, input: { id: j.id } });
    const logs = await getJobLogs({ ctx: world.dev, input: { id: j.id } });
    console.log(`\n== job ${j.id} asked ${job.gpus} GPU(s): ${job.state} exit=${job.exitCode} reason=${job.failureReason ?? "-"}`);
    console.log("usage:", JSON.stringify(job.usage));
    console.log(logs.lines.map((l) => `[${l.stream}] ${l.text}`).join("").trimEnd());
  }
  agent.kill("SIGTERM");
  server.close();
  await database.close();
  process.exit(0);
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
