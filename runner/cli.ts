import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { Agent } from "./agent";
import { Label } from "./protocol";

const USAGE = `Usage: npm run runner -- --url URL --token TOKEN [--name NAME] [--labels gpu,a100] [--concurrency N] [--work-dir DIR]
  [--keep-workdirs] [--cpu-watts W] [--gpu-hour-price P] [--cpu-hour-price P] [--kill-grace-ms MS] [--claim-wait-ms MS]
The registration token may also come from RUNBOARD_RUNNER_TOKEN.`;

const Options = z.object({
  url: z.url("--url must be the Runboard server URL, e.g. http://localhost:3000"),
  token: z.string().startsWith("rbr_", "--token must be a runner registration token (rbr_…)"),
  name: z.string().min(1).max(100),
  labels: z.array(Label),
  concurrency: z.coerce.number().int().min(1).max(64),
  workDir: z.string().min(1),
  keepWorkdirs: z.boolean(),
  cpuWatts: z.coerce.number().nonnegative(),
  gpuHourPrice: z.coerce.number().nonnegative(),
  cpuHourPrice: z.coerce.number().nonnegative(),
  killGraceMs: z.coerce.number().int().min(0).max(60_000),
  claimWaitMs: z.coerce.number().int().min(0).max(25_000),
});

function parse() {
  const { values } = parseArgs({
    options: {
      url: { type: "string" },
      token: { type: "string" },
      name: { type: "string" },
      labels: { type: "string" },
      concurrency: { type: "string" },
      "work-dir": { type: "string" },
      "keep-workdirs": { type: "boolean" },
      "cpu-watts": { type: "string" },
      "gpu-hour-price": { type: "string" },
      "cpu-hour-price": { type: "string" },
      "kill-grace-ms": { type: "string" },
      "claim-wait-ms": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const result = Options.safeParse({
    url: values.url,
    token: values.token ?? process.env.RUNBOARD_RUNNER_TOKEN,
    name: values.name ?? os.hostname(),
    labels: (values.labels ?? "").split(",").map((l) => l.trim()).filter(Boolean),
    concurrency: values.concurrency ?? 1,
    workDir: path.resolve(values["work-dir"] ?? path.join(os.tmpdir(), "runboard-runner")),
    keepWorkdirs: values["keep-workdirs"] ?? false,
    cpuWatts: values["cpu-watts"] ?? 65,
    gpuHourPrice: values["gpu-hour-price"] ?? 0,
    cpuHourPrice: values["cpu-hour-price"] ?? 0,
    killGraceMs: values["kill-grace-ms"] ?? 3000,
    claimWaitMs: values["claim-wait-ms"] ?? 25_000,
  });
  if (!result.success) {
    console.error(`${result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("\n")}\n\n${USAGE}`);
    process.exit(2);
  }
  return result.data;
}

async function main() {
  const o = parse();
  const log = (msg: string) => console.log(`${new Date().toISOString()} runner ${o.name}: ${msg}`);
  const agent = new Agent({
    url: o.url,
    registrationToken: o.token,
    name: o.name,
    labels: o.labels,
    concurrency: o.concurrency,
    workDir: o.workDir,
    keepWorkdirs: o.keepWorkdirs,
    killGraceMs: o.killGraceMs,
    claimWaitMs: o.claimWaitMs,
    gpuSampleMs: 5000,
    pricing: { cpuWatts: o.cpuWatts, pricePerGpuHour: o.gpuHourPrice, pricePerCpuHour: o.cpuHourPrice },
    log,
  });
  let stopping = false;
  for (const sig of ["SIGINT", "SIGTERM"] as const) {
    process.on(sig, () => {
      if (stopping) return;
      stopping = true;
      log(`${sig}: stopping`);
      void agent.shutdown().then(() => process.exit(0));
    });
  }
  await agent.start();
  await agent.loop();
}

main().catch((err: unknown) => {
  console.error(`runner: ${(err as Error).message}`);
  process.exit(1);
});
