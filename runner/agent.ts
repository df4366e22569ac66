import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { GpuAllocator } from "./allocator";
import { RequestRefusedError, RunnerClient } from "./client";
import { JobExecution } from "./executor";
import { detectGpus, detectResources } from "./gpu";
import type { Gpu, Resources } from "./protocol";
import type { Pricing } from "./usage";

export interface AgentOptions {
  url: string;
  registrationToken: string;
  name: string;
  labels: string[];
  concurrency: number;
  workDir: string;
  keepWorkdirs: boolean;
  killGraceMs: number;
  claimWaitMs: number;
  gpuSampleMs: number;
  pricing: Pricing;
  log: (msg: string) => void;
}

interface SavedRegistration {
  url: string;
  runnerId: string;
  token: string;
}

/**
 * The runner's main loop: register (or reuse the token saved in the work dir), then claim jobs
 * while a slot and enough free GPUs exist, each job running with GPUs no other job holds.
 */
export class Agent {
  private stopping = false;
  private readonly running = new Map<string, { exec: JobExecution; done: Promise<void> }>();
  private resources!: Resources;
  private allocator!: GpuAllocator;
  private client: RunnerClient;
  private sampler: NodeJS.Timeout | null = null;

  constructor(private readonly opts: AgentOptions) {
    this.client = new RunnerClient({ url: opts.url, log: opts.log });
  }

  get gpus(): Gpu[] {
    return this.resources.gpus;
  }

  async start() {
    this.resources = await detectResources();
    this.allocator = new GpuAllocator(this.resources.gpus.map((g) => g.index));
    const gpuText = this.resources.gpus.length ? this.resources.gpus.map((g) => `${g.index}: ${g.name}`).join(", ") : "none (CPU-only)";
    this.opts.log(`${this.resources.cpus} CPUs, ${(this.resources.memoryBytes / 2 ** 30).toFixed(1)} GiB, GPUs: ${gpuText}`);
    if (this.resources.gpus.length) {
      this.sampler = setInterval(() => void this.refreshGpus(), this.opts.gpuSampleMs);
      this.sampler.unref();
    }
    await this.ensureRegistered(false);
  }

  private async refreshGpus() {
    const gpus = await detectGpus();
    if (gpus.length) this.resources = { ...this.resources, gpus };
  }

  private stateFile() {
    return path.join(this.opts.workDir, "runner.json");
  }

  private async ensureRegistered(force: boolean) {
    mkdirSync(this.opts.workDir, { recursive: true, mode: 0o700 });
    const file = this.stateFile();
    if (!force && existsSync(file)) {
      const saved = JSON.parse(readFileSync(file, "utf8")) as SavedRegistration;
      if (saved.url === this.opts.url && saved.token) {
        this.client.token = saved.token;
        this.opts.log(`using runner ${saved.runnerId} saved in ${file}`);
        return;
      }
    }
    this.client.token = undefined;
    const reg = await this.client.register({
      registrationToken: this.opts.registrationToken,
      name: this.opts.name,
      labels: this.opts.labels,
      resources: this.resources,
      version: "1",
    });
    this.client.token = reg.token;
    writeFileSync(file, JSON.stringify({ url: this.opts.url, runnerId: reg.runnerId, token: reg.token } satisfies SavedRegistration), { mode: 0o600 });
    this.opts.log(`registered as runner ${reg.runnerId} (${this.opts.name}) in organization ${reg.org}`);
  }

  async loop() {
    let reRegistered = false;
    while (!this.stopping) {
      if (this.running.size >= this.opts.concurrency) {
        await Promise.race([...this.running.values()].map((r) => r.done));
        continue;
      }
      let res;
      try {
        // The long poll carries today's free GPUs; while jobs run, poll briefly so GPUs they free are offered within ~2 s.
        const waitMs = this.running.size > 0 ? Math.min(this.opts.claimWaitMs, 2000) : this.opts.claimWaitMs;
        res = await this.client.claim({ freeGpus: this.allocator.freeCount, resources: this.resources, waitMs });
      } catch (err) {
        if (err instanceof RequestRefusedError && err.status === 401 && !reRegistered) {
          this.opts.log(`runner token refused (${err.message}); registering again`);
          reRegistered = true;
          await this.ensureRegistered(true);
          continue;
        }
        if (err instanceof RequestRefusedError && err.status === 401) throw new Error(`runner was removed or its token is invalid: ${err.message}`);
        this.opts.log(`claim failed: ${(err as Error).message}`);
        await sleep(5000);
        continue;
      }
      reRegistered = false;
      if (res.kind === "idle") {
        if (res.draining) await sleep(res.retryAfterMs);
        continue;
      }
      const gpus = this.allocator.take(res.job.gpus);
      if (!gpus) {
        this.opts.log(`job ${res.job.id} asks for ${res.job.gpus} GPUs but only ${this.allocator.freeCount} are free; leaving it to its lease`);
        continue;
      }
      this.opts.log(`job ${res.job.id} (attempt ${res.job.attempt}) started${gpus.length ? ` on GPU ${gpus.join(",")}` : ""}`);
      const exec = new JobExecution(res.job, gpus, this.client, {
        serverUrl: this.opts.url,
        workDir: this.opts.workDir,
        keepWorkdirs: this.opts.keepWorkdirs,
        killGraceMs: this.opts.killGraceMs,
        pricing: this.opts.pricing,
        gpus: () => this.resources.gpus,
        log: this.opts.log,
      });
      const done = exec
        .run()
        .catch((err: unknown) => this.opts.log(`job ${res.job.id}: ${(err as Error).message}`))
        .finally(() => {
          this.allocator.release(gpus);
          this.running.delete(res.job.id);
        });
      this.running.set(res.job.id, { exec, done });
    }
  }

  /** Stops claiming and kills running jobs; their leases expire and the server puts them back in the queue. */
  async shutdown() {
    this.stopping = true;
    if (this.sampler) clearInterval(this.sampler);
    for (const { exec } of this.running.values()) exec.kill({ kind: "lost" });
    await Promise.race([Promise.all([...this.running.values()].map((r) => r.done)), sleep(this.opts.killGraceMs + 2000)]);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
