import type { RunnerClient } from "./client";
import { LeaseLostError } from "./client";
import { SecretMasker } from "./mask";
import { parseMetricLine } from "./metrics";
import { BODY_LIMITS, type LogChunk, type LogStream, type MetricPoint } from "./protocol";

const MAX_CHUNK = 256 * 1024;
/** A batch stays well under the server's cap on a logs body (BODY_LIMITS.logs). */
const MAX_BATCH_BYTES = BODY_LIMITS.logs / 4;

/** The first chunks of the outbox that fit one request: at most 20 and MAX_BATCH_BYTES of JSON, at least one. */
function nextBatch(outbox: readonly LogChunk[]): LogChunk[] {
  let bytes = 0;
  let n = 0;
  while (n < Math.min(outbox.length, 20)) {
    bytes += Buffer.byteLength(JSON.stringify(outbox[n]));
    if (n > 0 && bytes > MAX_BATCH_BYTES) break;
    n++;
  }
  return outbox.slice(0, n);
}

/**
 * Batches a job's output into numbered chunks and ships them in order. A chunk keeps its seq
 * across retries, so the server stores it (and its `::metric` points) once.
 */
export class LogShipper {
  private seq = 0;
  private readonly partial: Record<LogStream, string> = { stdout: "", stderr: "", system: "" };
  private readonly pending: Record<LogStream, { text: string; metrics: MetricPoint[] }> = {
    stdout: { text: "", metrics: [] },
    stderr: { text: "", metrics: [] },
    system: { text: "", metrics: [] },
  };
  private readonly outbox: LogChunk[] = [];
  private sending: Promise<void> | null = null;
  private timer: NodeJS.Timeout;
  private readonly maskers: Record<LogStream, SecretMasker>;

  constructor(
    private readonly client: RunnerClient,
    private readonly jobId: string,
    private readonly leaseId: string,
    private readonly hooks: { onLost: () => void; onCancel: () => void; log: (m: string) => void },
    flushMs = 500,
    /** Values masked as *** before anything is sent, even when split across writes. */
    secrets: readonly string[] = [],
  ) {
    this.maskers = { stdout: new SecretMasker(secrets), stderr: new SecretMasker(secrets), system: new SecretMasker(secrets) };
    this.timer = setInterval(() => void this.flush(), flushMs);
  }

  write(stream: LogStream, data: string) {
    const text = this.partial[stream] + this.maskers[stream].push(data);
    const cut = text.lastIndexOf("\n");
    if (cut < 0 && text.length < MAX_CHUNK) {
      this.partial[stream] = text;
      return;
    }
    const complete = cut < 0 ? text : text.slice(0, cut + 1);
    this.partial[stream] = cut < 0 ? "" : text.slice(cut + 1);
    this.add(stream, complete);
  }

  private add(stream: LogStream, text: string) {
    const p = this.pending[stream];
    if (stream === "stdout") {
      for (const line of text.split("\n")) {
        const point = line.startsWith("::metric") ? parseMetricLine(line) : null;
        if (point) p.metrics.push(point);
      }
    }
    p.text += text;
    if (p.text.length >= MAX_CHUNK || p.metrics.length >= 900) this.seal(stream);
  }

  private seal(stream: LogStream) {
    const p = this.pending[stream];
    if (!p.text) return;
    this.outbox.push({ seq: this.seq++, stream, text: p.text, metrics: p.metrics });
    this.pending[stream] = { text: "", metrics: [] };
  }

  /** Sends everything complete so far (with `final`, partial lines too); resolves when the outbox is empty or the send failed. */
  async flush(final = false): Promise<void> {
    if (this.sending) await this.sending;
    for (const s of ["stdout", "stderr", "system"] as const) {
      if (final) this.partial[s] += this.maskers[s].end();
      if (final && this.partial[s]) {
        this.add(s, this.partial[s]);
        this.partial[s] = "";
      }
      this.seal(s);
    }
    if (this.outbox.length === 0) return;
    this.sending = this.send().finally(() => (this.sending = null));
    await this.sending;
  }

  private async send() {
    while (this.outbox.length > 0) {
      const batch = nextBatch(this.outbox);
      try {
        const res = await this.client.logs(this.jobId, { leaseId: this.leaseId, chunks: batch });
        this.outbox.splice(0, batch.length);
        if (res.cancelRequested) this.hooks.onCancel();
      } catch (err) {
        if (err instanceof LeaseLostError) {
          this.outbox.length = 0;
          this.hooks.onLost();
        } else this.hooks.log(`job ${this.jobId}: could not send logs (${(err as Error).message}); will retry`);
        return;
      }
    }
  }

  stop() {
    clearInterval(this.timer);
  }
}
