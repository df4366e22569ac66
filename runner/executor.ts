import { spawn } from "node:child_process";
import { chmod, mkdir, mkdtemp, rm } from "node:fs/promises";
import path from "node:path";
import { LeaseLostError, type RunnerClient } from "./client";
import { LogShipper } from "./logs";
import { secretValues } from "./mask";
import type { ClaimedJob, CommandSpec, CompleteRequest, Gpu } from "./protocol";
import { computeUsage, CpuTimeSampler, EnergyMeter, type Pricing } from "./usage";

export interface ExecutorOptions {
  serverUrl: string;
  workDir: string;
  keepWorkdirs: boolean;
  /** SIGTERM first; SIGKILL to the whole group after this. */
  killGraceMs: number;
  pricing: Pricing;
  /** Latest GPU readings (the agent samples nvidia-smi). */
  gpus: () => Gpu[];
  log: (msg: string) => void;
  flushMs?: number;
}

type Stop = { kind: "cancel" } | { kind: "timeout" } | { kind: "lost" } | { kind: "shutdown" };

/** Runs one claimed job in its own process group and working directory, then reports the outcome (unless the lease was lost). */
export class JobExecution {
  private stop: Stop | null = null;
  private pgid: number | null = null;
  private finished = false;
  private readonly shipper: LogShipper;
  private readonly meter = new EnergyMeter();
  private readonly cpuTime = new CpuTimeSampler();
  /** Built-in jobs run in this process: their CPU time is this process's (approximate when jobs overlap). */
  private builtinCpuMicros = 0;
  private readonly gpuNames = new Map<number, string>();

  constructor(
    readonly job: ClaimedJob,
    readonly gpuIndices: number[],
    private readonly client: RunnerClient,
    private readonly opts: ExecutorOptions,
  ) {
    this.shipper = new LogShipper(client, job.id, job.leaseId, {
      onLost: () => this.kill({ kind: "lost" }),
      onCancel: () => this.kill({ kind: "cancel" }),
      log: opts.log,
    }, opts.flushMs, secretValues(job.spec));
  }

  kill(reason: Stop) {
    this.stop ??= reason;
    const pgid = this.pgid;
    if (pgid === null || this.finished) return;
    signalGroup(pgid, "SIGTERM");
    setTimeout(() => signalGroup(pgid, "SIGKILL"), this.opts.killGraceMs).unref();
  }

  async run(): Promise<void> {
    const started = performance.now();
    const heartbeats = this.heartbeatLoop();
    const timeout = setTimeout(() => this.kill({ kind: "timeout" }), this.job.timeoutSeconds * 1000);
    const sampler = setInterval(() => {
      this.sampleEnergy();
      void this.sampleCpu();
    }, 1000);
    let dir: string | null = null;
    let result: { exitCode: number | null; signal: string | null; error?: string } = { exitCode: null, signal: null };
    try {
      dir = await this.makeWorkdir();
      const spec = this.job.spec;
      if (spec.kind === "command") {
        const cwd = spec.repository ? await this.checkout(dir, spec) : dir;
        if (this.stop === null) result = await this.spawnCommand(cwd, spec);
      } else if (this.stop === null) {
        result = await this.runBuiltin(dir);
      }
    } catch (err) {
      result = { exitCode: null, signal: null, error: (err as Error).message };
    } finally {
      this.finished = true;
      clearTimeout(timeout);
      clearInterval(sampler);
    }
    this.sampleEnergy();
    const wall = (performance.now() - started) / 1000;
    await this.report(result, wall);
    void heartbeats;
    if (dir && !(this.opts.keepWorkdirs || (this.job.spec.kind === "command" && this.job.spec.keepWorkdir))) await rm(dir, { recursive: true, force: true });
    else if (dir) this.opts.log(`job ${this.job.id}: kept working directory ${dir}`);
  }

  private async report(result: { exitCode: number | null; signal: string | null; error?: string }, wall: number) {
    const s = this.stop;
    const system = (t: string) => this.shipper.write("system", `[runner] ${t}\n`);
    let outcome: Pick<CompleteRequest, "status" | "failureReason">;
    if (s?.kind === "cancel") outcome = { status: "cancelled", failureReason: "cancelled" };
    else if (s?.kind === "timeout") outcome = { status: "failed", failureReason: `timed out after ${this.job.timeoutSeconds} s` };
    else if (s?.kind === "shutdown") outcome = { status: "failed", failureReason: "runner shut down" };
    else if (result.error) outcome = { status: "failed", failureReason: result.error };
    else if (result.exitCode === 0) outcome = { status: "succeeded", failureReason: null };
    else outcome = { status: "failed", failureReason: result.signal ? `killed by ${result.signal}` : `exit code ${result.exitCode}` };
    system(`${outcome.status}${outcome.failureReason ? `: ${outcome.failureReason}` : ""}`);
    await this.shipper.flush(true);
    this.shipper.stop();
    if (this.stop?.kind === "lost") {
      this.opts.log(`job ${this.job.id}: lease lost; killed it and reported nothing`);
      return;
    }
    const usage = computeUsage(wall, this.gpuIndices.length, this.meter, this.opts.pricing, {
      cpuSeconds: this.cpuTime.seconds + this.builtinCpuMicros / 1e6,
      gpus: this.gpuIndices.map((index) => ({ index, name: this.gpuNames.get(index) ?? "unknown" })),
    });
    try {
      const done = await this.client.complete(this.job.id, { leaseId: this.job.leaseId, ...outcome, exitCode: result.exitCode, usage });
      this.opts.log(`job ${this.job.id}: ${done.state}${done.failureReason ? ` (${done.failureReason})` : ""}`);
    } catch (err) {
      this.opts.log(`job ${this.job.id}: could not report completion: ${(err as Error).message}`);
    }
  }

  private async heartbeatLoop() {
    let lastOk = Date.now();
    while (!this.finished) {
      try {
        const hb = await this.client.heartbeat(this.job.id, { leaseId: this.job.leaseId, waitMs: Math.min(this.job.heartbeatMs, 25_000) });
        lastOk = Date.now();
        if (hb.cancelRequested) this.kill({ kind: "cancel" });
      } catch (err) {
        if (this.finished) return;
        if (err instanceof LeaseLostError) return this.kill({ kind: "lost" });
        if (Date.now() - lastOk > this.job.leaseTtlMs) return this.kill({ kind: "lost" });
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  }

  private sampleEnergy() {
    const gpus = this.opts.gpus();
    for (const g of gpus) if (this.gpuIndices.includes(g.index)) this.gpuNames.set(g.index, g.name);
    const byIndex = new Map(gpus.map((g) => [g.index, g.powerW]));
    this.meter.sample(this.gpuIndices.map((i) => byIndex.get(i) ?? null));
  }

  /** CPU time of the command's process group (/proc; see CpuTimeSampler). */
  private async sampleCpu() {
    if (this.pgid === null) return;
    try {
      await this.cpuTime.sample(this.pgid);
    } catch {
      // CPU time is best effort
    }
  }

  private async makeWorkdir() {
    await mkdir(this.opts.workDir, { recursive: true, mode: 0o700 });
    const dir = await mkdtemp(path.join(this.opts.workDir, `job-${this.job.id.slice(0, 8)}-`));
    await chmod(dir, 0o700);
    return dir;
  }

  private async checkout(dir: string, spec: CommandSpec) {
    const repo = spec.repository!;
    const src = path.join(dir, "src");
    const git = (args: string[], cwd: string) => this.runQuiet("git", args, cwd);
    try {
      await git(["init", "-q", src], dir);
      await git(["remote", "add", "origin", repo.url], src);
      await git(["fetch", "-q", "--depth", "1", "origin", repo.commit ?? "HEAD"], src);
      await git(["checkout", "-q", "--detach", "FETCH_HEAD"], src);
    } catch (err) {
      throw new Error(`git checkout of ${repo.url}${repo.commit ? ` at ${repo.commit}` : ""} failed: ${(err as Error).message}`);
    }
    return src;
  }

  private runQuiet(cmd: string, args: string[], cwd: string) {
    return new Promise<void>((resolve, reject) => {
      const child = spawn(cmd, args, { cwd, stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, GIT_TERMINAL_PROMPT: "0" } });
      let err = "";
      child.stderr.on("data", (d: Buffer) => (err = (err + d.toString()).slice(-2000)));
      child.on("error", reject);
      child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(err.trim().split("\n").at(-1) || `${cmd} exited with ${code}`))));
    });
  }

  /**
   * Built-in kinds (train, evaluate) run in this process, talking to MLflow over HTTP with the job
   * token; a cancel, timeout or lost lease stops them at the next epoch or step.
   */
  private async runBuiltin(_dir: string): Promise<{ exitCode: number | null; signal: string | null; error?: string }> {
    const spec = this.job.spec;
    if (spec.kind === "command") throw new Error("not a built-in job");
    const { runBuiltinJob, StoppedError } = await import("./builtins");
    const { MlflowHttp } = await import("./builtins/mlflow-http");
    const mlflow = new MlflowHttp(`${this.opts.serverUrl.replace(/\/$/, "")}${this.job.trackingPath}`, this.job.trackingToken);
    const cpuStart = process.cpuUsage();
    try {
      await runBuiltinJob(spec, {
        runId: this.job.run.id,
        mlflow,
        dataset: async () => {
          const d = await this.client.downloadDataset(this.job.id, this.job.leaseId);
          return { text: d.bytes.toString("utf8"), format: d.format, sha256: d.sha256 };
        },
        log: (line) => this.shipper.write("stdout", `${line}\n`),
        stopped: () => this.stop !== null,
      });
      return { exitCode: 0, signal: null };
    } catch (err) {
      if (err instanceof LeaseLostError) this.kill({ kind: "lost" });
      if (this.stop !== null || err instanceof StoppedError) return { exitCode: null, signal: null };
      this.shipper.write("stderr", `${(err as Error).message}\n`);
      return { exitCode: 1, signal: null, error: (err as Error).message };
    } finally {
      const used = process.cpuUsage(cpuStart);
      this.builtinCpuMicros = used.user + used.system;
    }
  }

  private spawnCommand(cwd: string, spec: CommandSpec) {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...spec.env,
      MLFLOW_TRACKING_URI: `${this.opts.serverUrl.replace(/\/$/, "")}${this.job.trackingPath}`,
      MLFLOW_TRACKING_TOKEN: this.job.trackingToken,
      MLFLOW_RUN_ID: this.job.run.id,
      MLFLOW_EXPERIMENT_ID: this.job.run.experimentId,
      CUDA_VISIBLE_DEVICES: this.gpuIndices.join(","),
      RUNBOARD_JOB_ID: this.job.id,
      RUNBOARD_JOB_ATTEMPT: String(this.job.attempt),
    };
    delete env.RUNBOARD_RUNNER_TOKEN;
    return new Promise<{ exitCode: number | null; signal: string | null }>((resolve, reject) => {
      // stdin is a pipe only this agent holds open: if the agent dies (even by SIGKILL) the watchdog reads EOF and kills the job's group.
      const child = spawn("bash", ["-c", WATCHDOG, "job", spec.command, ...spec.args], { cwd, env, detached: true, stdio: ["pipe", "pipe", "pipe"] });
      child.stdin.on("error", () => undefined);
      child.on("error", reject);
      if (child.pid === undefined) return;
      this.pgid = child.pid;
      if (this.stop) this.kill(this.stop);
      child.stdout.setEncoding("utf8").on("data", (d: string) => this.shipper.write("stdout", d));
      child.stderr.setEncoding("utf8").on("data", (d: string) => this.shipper.write("stderr", d));
      let streams = 2;
      let exit: { exitCode: number | null; signal: string | null } | null = null;
      const done = () => exit && streams === 0 && resolve(exit);
      const closed = () => (streams--, done());
      child.stdout.on("close", closed);
      child.stderr.on("close", closed);
      child.on("exit", (code, signal) => {
        exit = { exitCode: code, signal };
        // Whatever the command left running in its group goes with it.
        signalGroup(child.pid!, "SIGKILL");
        done();
      });
    });
  }
}

/**
 * Parent-death safeguard, run as the group leader of the job's process group: a background watchdog
 * blocks reading the agent's pipe (fd 3) and, on EOF (the agent exited or was killed), kills the
 * whole group; the shell then execs the job's command line with $1… as its arguments and stdin
 * from /dev/null. The group leader keeps its pid, so the group is still the one the agent signals.
 */
export const WATCHDOG = `exec 3<&0 0</dev/null
{ read -r -u 3 _ ; kill -KILL 0 ; } >/dev/null 2>&1 &
exec 3<&-
cmd=$1; shift
exec bash -c "$cmd" "$0" "$@"`;

function signalGroup(pgid: number, signal: NodeJS.Signals) {
  try {
    process.kill(-pgid, signal);
  } catch {
    // the group is already gone
  }
}
