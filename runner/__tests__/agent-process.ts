import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/** Everything the test's agents printed, for failure messages. */
let output = "";
export const agentOutput = () => output;

/**
 * Starts the real agent (runner/cli.ts) as a child process, CPU-only: an empty directory leads PATH,
 * and nvidia-smi is looked up on PATH. `node --import tsx` rather than the tsx binary, so the pid is
 * the agent itself and a SIGKILL hits it, not a wrapper.
 */
export function startAgent({
  url,
  token,
  name,
  workDir = mkdtempSync(path.join(os.tmpdir(), `runner-${name}-`)),
  args = [],
}: {
  url: string;
  token: string;
  name: string;
  workDir?: string;
  args?: string[];
}): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "runner/cli.ts", "--url", url, "--token", token, "--name", name, "--work-dir", workDir, ...args], {
    env: { ...process.env, PATH: `${mkdtempSync(path.join(os.tmpdir(), "no-gpu-"))}:${process.env.PATH}` },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  return child;
}

/** Polls `fn` until it returns something truthy; on timeout fails with the agents' output. */
export async function until<T>(what: string, fn: () => Promise<T | null | undefined | false>, { ms = 30_000, everyMs = 100 } = {}): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\nagent output:\n${output}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Alive and not a zombie (an orphan's zombie may linger until init reaps it). */
export function alive(pid: number) {
  const r = spawnSync("ps", ["-o", "stat=", "-p", String(pid)], { encoding: "utf8" });
  return r.status === 0 && r.stdout.trim() !== "" && !r.stdout.trim().startsWith("Z");
}

/** Stops a test's agents (SIGTERM, then half a second for them to go) and then the server they talked to. */
export async function stopAgents(agents: Iterable<ChildProcess | undefined>, server: { close: () => Promise<void> } | undefined) {
  for (const agent of agents) agent?.kill("SIGTERM");
  await new Promise((r) => setTimeout(r, 500));
  await server?.close();
}
