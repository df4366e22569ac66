/** The few MLflow REST calls the built-ins make, over HTTP with the job's MLFLOW_TRACKING_TOKEN, like any MLflow client. */

export class MlflowError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface MetricPoint {
  key: string;
  value: number;
  step: number;
  timestamp: number;
}

export class MlflowHttp {
  constructor(
    /** MLFLOW_TRACKING_URI: `<server>/mlflow/<org>/<project>`. */
    private readonly trackingUri: string,
    private readonly token: string,
  ) {}

  private async request(method: string, url: string, body?: BodyInit, contentType = "application/json"): Promise<Response> {
    for (let attempt = 0; ; attempt++) {
      try {
        const res = await fetch(url, {
          method,
          headers: { authorization: `Bearer ${this.token}`, ...(body !== undefined ? { "content-type": contentType } : {}) },
          body,
          signal: AbortSignal.timeout(120_000),
        });
        if ((res.status >= 500 || res.status === 429) && attempt < 4) throw new Error(`HTTP ${res.status}`);
        if (!res.ok) {
          const text = await res.text();
          let code = `HTTP_${res.status}`;
          let message = text.slice(0, 500);
          try {
            const j = JSON.parse(text) as { error_code?: string; message?: string };
            code = j.error_code ?? code;
            message = j.message ?? message;
          } catch {
            // not JSON
          }
          throw new MlflowError(res.status, code, `${method} ${new URL(url).pathname}: ${message}`);
        }
        return res;
      } catch (err) {
        if (err instanceof MlflowError || attempt >= 4) throw err;
        await new Promise((r) => setTimeout(r, 250 * 2 ** attempt));
      }
    }
  }

  private api = (path: string) => `${this.trackingUri.replace(/\/$/, "")}/api/2.0/mlflow/${path}`;
  private artifactUrl = (path: string) =>
    `${this.trackingUri.replace(/\/$/, "")}/api/2.0/mlflow-artifacts/artifacts/${path.split("/").map(encodeURIComponent).join("/")}`;

  async post<T = unknown>(path: string, body: unknown): Promise<T> {
    return (await (await this.request("POST", this.api(path), JSON.stringify(body))).json()) as T;
  }
  async get<T = unknown>(path: string, query: Record<string, string>): Promise<T> {
    return (await (await this.request("GET", `${this.api(path)}?${new URLSearchParams(query)}`)).json()) as T;
  }

  /** log-batch in pieces within MLflow's limits (1000 metrics, 100 tags per request). */
  async logBatch(runId: string, { metrics = [], tags = [] }: { metrics?: MetricPoint[]; tags?: { key: string; value: string }[] }) {
    for (let i = 0; i < Math.max(metrics.length, 1); i += 1000) {
      const part = metrics.slice(i, i + 1000);
      const t = i === 0 ? tags : [];
      if (part.length === 0 && t.length === 0) continue;
      for (let k = 0; k < Math.max(t.length, 1); k += 100) {
        await this.post("runs/log-batch", { run_id: runId, metrics: k === 0 ? part : [], tags: t.slice(k, k + 100) });
      }
    }
  }

  async getRun(runId: string) {
    return (await this.get<{ run: { info: { artifact_uri: string; experiment_id: string }; data: { tags?: { key: string; value: string }[] } } }>("runs/get", { run_id: runId })).run;
  }

  async putArtifact(path: string, bytes: Uint8Array) {
    await this.request("PUT", this.artifactUrl(path), new Blob([bytes as Uint8Array<ArrayBuffer>]), "application/octet-stream");
  }
  async getArtifact(path: string): Promise<Uint8Array> {
    return new Uint8Array(await (await this.request("GET", this.artifactUrl(path))).arrayBuffer());
  }
}

/** `mlflow-artifacts:/1/<run>/artifacts` → `1/<run>/artifacts`. */
export function proxiedPath(artifactUri: string): string {
  const m = /^mlflow-artifacts:\/+(.*)$/.exec(artifactUri);
  if (!m) throw new Error(`the run's artifacts are not stored by this server (${artifactUri})`);
  return m[1]!.replace(/\/$/, "");
}
