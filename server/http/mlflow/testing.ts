import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Db } from "@/server/services/domain";
import { ArtifactStore } from "@/server/storage/artifact-store";
import { handleMlflowArtifactsRequest } from "./artifacts";
import { handleMlflowRequest } from "./handler";

export type MlflowAuth = { token: string } | { email: string; token: string } | null;

let sharedStore: ArtifactStore | undefined;
/** A throwaway artifact store in the OS temp folder (one per test process unless a test brings its own). */
export function tempArtifactStore() {
  return new ArtifactStore(mkdtempSync(path.join(os.tmpdir(), "runboard-artifacts-")));
}

function authHeaders(auth: MlflowAuth): Record<string, string> {
  if (auth && "email" in auth) return { authorization: `Basic ${Buffer.from(`${auth.email}:${auth.token}`).toString("base64")}` };
  if (auth) return { authorization: `Bearer ${auth.token}` };
  return {};
}

/** Calls the real MLflow handler in-process, as a client with MLFLOW_TRACKING_URI=…/mlflow/<org>/<project> would. */
export function mlflowClient(db: Db, org: string, project: string, auth: MlflowAuth, store?: ArtifactStore) {
  const artifacts = store ?? (sharedStore ??= tempArtifactStore());
  return async (method: string, path: string, body?: unknown) => {
    const headers = authHeaders(auth);
    let url = `http://localhost/mlflow/${org}/${project}/api/2.0/mlflow/${path}`;
    if (method === "GET" && body) {
      const q = new URLSearchParams();
      for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
        for (const item of Array.isArray(v) ? v : [v]) q.append(k, String(item));
      }
      url += `?${q}`;
    }
    const init: RequestInit = { method, headers };
    if (method !== "GET" && body !== undefined) {
      headers["content-type"] = "application/json";
      init.body = typeof body === "string" ? body : JSON.stringify(body);
    }
    const res = await handleMlflowRequest(new Request(url, init), { db, store: artifacts, org, project, path });
    const text = await res.text();
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const json: any = text ? JSON.parse(text) : undefined;
    return { status: res.status, body: json };
  };
}

/**
 * Calls the proxied artifact handler with a RAW url tail (`1/<run>/artifacts/a.txt`, `..%2f…`,
 * `?path=…`), split and decoded once per segment as Next's router does before the handler runs.
 */
export function artifactsClient(db: Db, org: string, project: string, auth: MlflowAuth, store: ArtifactStore) {
  return async (method: "GET" | "PUT", rawTail: string, body?: string | Uint8Array) => {
    const [rawPath = "", query] = rawTail.split("?", 2);
    const segments = rawPath
      .split("/")
      .filter((s, i, all) => !(s === "" && i === all.length - 1 && all.length === 1))
      .map((s) => {
        try {
          return decodeURIComponent(s);
        } catch {
          return s;
        }
      });
    const url = `http://localhost/mlflow/${org}/${project}/api/2.0/mlflow-artifacts/artifacts${query !== undefined ? `?${query}` : ""}`;
    const init: RequestInit = { method, headers: authHeaders(auth) };
    if (body !== undefined) init.body = body as BodyInit;
    const res = await handleMlflowArtifactsRequest(new Request(url, init), { db, store, org, project, segments: rawPath ? segments : undefined });
    const bytes = Buffer.from(await res.arrayBuffer());
    const isJson = res.headers.get("content-type")?.startsWith("application/json") && !res.headers.get("content-disposition");
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const json: any = isJson && bytes.length ? JSON.parse(bytes.toString("utf8")) : undefined;
    return { status: res.status, headers: res.headers, bytes, body: json };
  };
}
