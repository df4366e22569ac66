import type { Database, Db } from "@/server/services/domain";
import { logger } from "@/server/logger";
import { handleRestRequest } from "@/server/http/rest";
import { buildContext, type Context } from "./context";
import { createCaller } from "./root";

/** A tRPC caller acting as `user` (signed in through the browser), or anonymous. */
export function callerFor(db: Db, user: { id: string; email: string; name: string } | null) {
  const ctx: Context = {
    db,
    user: user ? { id: user.id, email: user.email, name: user.name, tokenOrgId: null } : null,
    authError: null,
    requestId: "test",
    log: logger,
  };
  return createCaller(ctx);
}

/** Calls the real /api/v1 REST handler in-process with an optional bearer token (no session cookie). */
export function restClient(db: Db) {
  return async (method: string, path: string, opts: { token?: string; body?: unknown } = {}) => {
    const headers: Record<string, string> = {};
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.body !== undefined) headers["content-type"] = "application/json";
    const req = new Request(`http://localhost/api/v1${path}`, {
      method,
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });
    const res = await handleRestRequest(req, (r) => buildContext({ db, req: r, getSession: async () => null }));
    const text = await res.text();
    // Tests assert on the shape, so the body is loosely typed on purpose.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const body: any = text ? JSON.parse(text) : undefined;
    return { status: res.status, body };
  };
}

/** restClient on a database opened later (withTestDb): reads `database.db` on each call, not now. */
export function restClientOf(database: Pick<Database, "db">): ReturnType<typeof restClient> {
  return (method, path, opts) => restClient(database.db)(method, path, opts);
}
