import { spawn, type ChildProcess } from "node:child_process";

export interface Point {
  key: string;
  value: number;
  timestamp: number;
  step: number;
}
interface Batch {
  id: number;
  points: Point[];
  acked: boolean;
  inFlight: boolean;
}
/** Where the client logs: the MLflow API base of the project (`…/api/2.0/mlflow`), its token and run. */
export interface Endpoint {
  api: string;
  token: string;
  runId: string;
}

const KEYS = ["loss", "acc"];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A training client's side of MLflow ingest under chaos: batches of points posted to
 * `runs/log-batch` by a few concurrent senders. A batch answered 200 is acknowledged and recorded;
 * a failed or unanswered one stays queued and is sent again, identical, once a server answers.
 */
export class IngestLedger {
  readonly batches: Batch[] = [];
  readonly counts = { batches: 0, points: 0, ackedBatches: 0, ackedPoints: 0, failedSends: 0, resentAcked: 0, heldBack: 0 };
  readonly errors: string[] = [];
  endpoint: Endpoint | null = null;
  private step = 0;
  private stopped = false;

  constructor(private readonly random: () => number) {}

  /**
   * Queues one batch of `size` points (keys alternate, steps rise, values from the seeded generator),
   * unless `maxBacklog` batches wait already: the training loop blocks on logging, as MLflow's client does.
   */
  add(size: number, maxBacklog = 20) {
    if (this.unacked().length >= maxBacklog) {
      this.counts.heldBack++;
      return;
    }
    const timestamp = Date.now();
    const points = Array.from({ length: size }, (_, i) => ({ key: KEYS[i % KEYS.length]!, value: Math.round(this.random() * 1e9) / 1e9, timestamp, step: this.step++ }));
    this.batches.push({ id: this.batches.length, points, acked: false, inFlight: false });
    this.counts.batches++;
    this.counts.points += size;
  }

  unacked() {
    return this.batches.filter((b) => !b.acked);
  }

  lastAcked() {
    return this.batches.findLast((b) => b.acked);
  }

  /** Posts one batch; the HTTP status, or null when no answer came (refused, reset, timed out). */
  async post(endpoint: Endpoint, points: Point[]): Promise<number | null> {
    try {
      const res = await fetch(`${endpoint.api}/runs/log-batch`, {
        method: "POST",
        headers: { authorization: `Bearer ${endpoint.token}`, "content-type": "application/json" },
        body: JSON.stringify({ run_id: endpoint.runId, metrics: points }),
        signal: AbortSignal.timeout(15_000),
      });
      await res.text();
      return res.status;
    } catch {
      return null;
    }
  }

  /** Runs `senders` concurrent senders until `stop()` and every batch is acknowledged. */
  async pump(senders = 3) {
    await Promise.all(
      Array.from({ length: senders }, async () => {
        while (!this.stopped || this.unacked().length > 0) {
          const endpoint = this.endpoint;
          const batch = this.batches.find((b) => !b.acked && !b.inFlight);
          if (!endpoint || !batch) {
            await sleep(10);
            continue;
          }
          batch.inFlight = true;
          const status = await this.post(endpoint, batch.points);
          batch.inFlight = false;
          if (status === 200) {
            batch.acked = true;
            this.counts.ackedBatches++;
            this.counts.ackedPoints += batch.points.length;
          } else {
            this.counts.failedSends++;
            if (status !== null && status < 500) this.errors.push(`batch ${batch.id}: HTTP ${status}`);
            await sleep(50);
          }
        }
      }),
    );
  }

  stop() {
    this.stopped = true;
  }

  /**
   * Reads every key's history back through the API: acknowledged points missing, points stored
   * twice (one step is logged once per key, so any repeated (key, step) is a duplicate row), and
   * rows the client never sent.
   */
  async check(endpoint: Endpoint) {
    const acked = this.batches.filter((b) => b.acked).flatMap((b) => b.points);
    const sent = new Map(this.batches.flatMap((b) => b.points).map((p) => [`${p.key}/${p.step}`, p]));
    const seen = new Map<string, number>();
    let foreign = 0;
    for (const key of KEYS) {
      const url = `${endpoint.api}/metrics/get-history?run_id=${endpoint.runId}&metric_key=${key}`;
      const body = (await (await fetch(url, { headers: { authorization: `Bearer ${endpoint.token}` } })).json()) as { metrics?: Point[] };
      for (const m of body.metrics ?? []) {
        const id = `${m.key}/${m.step}`;
        const p = sent.get(id);
        if (!p || p.value !== m.value || p.timestamp !== m.timestamp) foreign++;
        seen.set(id, (seen.get(id) ?? 0) + 1);
      }
    }
    const missing = acked.filter((p) => !seen.has(`${p.key}/${p.step}`)).length;
    const duplicates = [...seen.values()].reduce((n, c) => n + c - 1, 0);
    return { rows: [...seen.values()].reduce((n, c) => n + c, 0), acked: acked.length, missing, duplicates, foreign };
  }
}

/** The web server as a process of its own (ingest-server.ts), opened on `target`; resolves once it listens. */
export function startIngestServer(target: string, artifacts: string): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "server/http/mlflow/__tests__/ingest-server.ts"], {
    env: { ...process.env, CHAOS_DB: target, CHAOS_ARTIFACTS: artifacts },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  const output = () => out;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start in 60 s:\n${out}`)), 60_000);
    child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const line = /\{"url":"([^"]+)"\}/.exec(out);
      if (line) {
        clearTimeout(timer);
        resolve({ child, url: line[1]!, output });
      }
    });
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code ?? signal}) before listening:\n${out}`));
    });
  });
}

/** SIGKILL, and wait until the process is gone (its port and, on PGlite, its data directory are free). */
export async function killHard(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((r) => child.once("exit", r));
  child.kill("SIGKILL");
  await gone;
}
