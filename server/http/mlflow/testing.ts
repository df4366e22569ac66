import type { Db } from "@/db/client";
import { handleMlflowRequest } from "./handler";

export type MlflowAuth = { token: string } | { email: string; token: string } | null;

/** Calls the real MLflow handler in-process, as a client with MLFLOW_TRACKING_URI=…/mlflow/<org>/<project> would. */
export function mlflowClient(db: Db, org: string, project: string, auth: MlflowAuth) {
  return async (method: string, path: string, body?: unknown) => {
    const headers: Record<string, string> = {};
    if (auth && "email" in auth) headers.authorization = `Basic ${Buffer.from(`${auth.email}:${auth.token}`).toString("base64")}`;
    else if (auth) headers.authorization = `Bearer ${auth.token}`;
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
    const res = await handleMlflowRequest(new Request(url, init), { db, org, project, path });
    const text = await res.text();
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const json: any = text ? JSON.parse(text) : undefined;
    return { status: res.status, body: json };
  };
}
