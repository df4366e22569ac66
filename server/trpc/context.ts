import { randomUUID } from "node:crypto";
import type { Db } from "@/db/client";
import { auth } from "@/server/auth";
import { getDb } from "@/server/db";
import { logger } from "@/server/logger";
import { authenticateApiToken } from "@/server/services/tokens/authenticate-api-token";

export interface Caller {
  id: string;
  email: string;
  name: string;
  /** Set when the caller authenticated with an API token: the token only works in this organization. */
  tokenOrgId: string | null;
}

export interface Context {
  db: Db;
  user: Caller | null;
  /** Why authentication failed, when a bearer token was sent and refused. */
  authError: string | null;
  requestId: string;
  log: typeof logger;
}

/** Builds the request context from a bearer API token or, failing that, the Auth.js session cookie. */
export async function createContext({ req }: { req: Request }): Promise<Context> {
  const db = await getDb();
  const requestId = req.headers.get("x-request-id") ?? randomUUID();
  const log = logger.child({ requestId });
  const header = req.headers.get("authorization");
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const token = match ? await authenticateApiToken(db, match[1]!) : null;
    if (!token) return { db, user: null, authError: "Invalid, expired or revoked API token", requestId, log };
    return {
      db,
      user: { id: token.userId, email: token.email, name: token.name, tokenOrgId: token.orgId },
      authError: null,
      requestId,
      log,
    };
  }
  const session = await auth();
  const u = session?.user;
  const user = u?.id ? { id: u.id, email: u.email ?? "", name: u.name ?? "", tokenOrgId: null } : null;
  return { db, user, authError: null, requestId, log };
}
