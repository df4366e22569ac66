import type { z } from "zod";
import {
  ClaimResponse,
  CompleteResponse,
  HeartbeatResponse,
  LogsResponse,
  PROTOCOL_PATH,
  RegisterResponse,
  type ClaimRequest,
  type CompleteRequest,
  type HeartbeatRequest,
  type LogsRequest,
  type RegisterRequest,
} from "./protocol";

/** 409: the lease is gone; the job must be killed and nothing more sent for it. */
export class LeaseLostError extends Error {}
/** 4xx other than 409/429: retrying the same request cannot help. */
export class RequestRefusedError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface ClientOptions {
  url: string;
  token?: string;
  /** Retries of network errors, 5xx and 429, with exponential backoff (capped at 10 s). */
  retries?: number;
  baseDelayMs?: number;
  log?: (msg: string) => void;
}

export class RunnerClient {
  token: string | undefined;

  constructor(private readonly opts: ClientOptions) {
    this.token = opts.token;
  }

  register(body: RegisterRequest) {
    return this.post("/register", body, RegisterResponse);
  }
  claim(body: ClaimRequest) {
    return this.post("/claim", body, ClaimResponse);
  }
  heartbeat(jobId: string, body: HeartbeatRequest) {
    return this.post(`/jobs/${jobId}/heartbeat`, body, HeartbeatResponse);
  }
  logs(jobId: string, body: LogsRequest) {
    return this.post(`/jobs/${jobId}/logs`, body, LogsResponse);
  }
  complete(jobId: string, body: CompleteRequest) {
    return this.post(`/jobs/${jobId}/complete`, body, CompleteResponse);
  }

  /** The dataset version a built-in job names, under its lease; 409 → LeaseLostError. */
  async downloadDataset(jobId: string, leaseId: string): Promise<{ bytes: Buffer; format: "csv" | "jsonl"; sha256: string }> {
    const url = `${this.opts.url.replace(/\/$/, "")}${PROTOCOL_PATH}/jobs/${jobId}/dataset`;
    const res = await fetch(url, {
      headers: { "x-runboard-lease": leaseId, ...(this.token ? { authorization: `Bearer ${this.token}` } : {}) },
      signal: AbortSignal.timeout(600_000),
    });
    if (!res.ok) {
      const message = messageOf(await res.text()) ?? `HTTP ${res.status}`;
      if (res.status === 409) throw new LeaseLostError(message);
      throw new RequestRefusedError(res.status, `dataset download: ${message}`);
    }
    const format = res.headers.get("x-runboard-dataset-format") === "jsonl" ? "jsonl" : "csv";
    return { bytes: Buffer.from(await res.arrayBuffer()), format, sha256: res.headers.get("x-runboard-dataset-sha256") ?? "" };
  }

  private async post<T extends z.ZodType>(path: string, body: unknown, schema: T): Promise<z.infer<T>> {
    const retries = this.opts.retries ?? 8;
    const base = this.opts.baseDelayMs ?? 500;
    const url = `${this.opts.url.replace(/\/$/, "")}${PROTOCOL_PATH}${path}`;
    for (let attempt = 0; ; attempt++) {
      let retryable: string;
      try {
        const res = await fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json", ...(this.token ? { authorization: `Bearer ${this.token}` } : {}) },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(60_000),
        });
        const text = await res.text();
        if (res.ok) return schema.parse(text ? JSON.parse(text) : {});
        const message = messageOf(text) ?? `HTTP ${res.status}`;
        if (res.status === 409) throw new LeaseLostError(message);
        if (res.status < 500 && res.status !== 429) throw new RequestRefusedError(res.status, message);
        retryable = `HTTP ${res.status}: ${message}`;
      } catch (err) {
        if (err instanceof LeaseLostError || err instanceof RequestRefusedError) throw err;
        retryable = err instanceof Error ? err.message : String(err);
      }
      if (attempt >= retries) throw new Error(`${path}: ${retryable} (gave up after ${attempt + 1} tries)`);
      const delay = Math.min(10_000, base * 2 ** attempt) * (0.5 + Math.random() / 2);
      this.opts.log?.(`${path}: ${retryable}; retrying in ${Math.round(delay)} ms`);
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}

function messageOf(text: string): string | null {
  try {
    const m = (JSON.parse(text) as { message?: unknown }).message;
    return typeof m === "string" ? m : null;
  } catch {
    return text.slice(0, 200) || null;
  }
}
