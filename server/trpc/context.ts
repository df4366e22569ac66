import { randomUUID } from "node:crypto";
import type { Session } from "next-auth";
import type { Db } from "@/server/services/domain";
import { logger } from "@/server/logger";
import { assertSameOriginForCookie } from "@/server/auth/same-origin";
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

/**
 * Builds the request context from a bearer API token or, when no Authorization header is sent,
 * the Auth.js session (looked up lazily so token requests never touch cookies). Every transport
 * (tRPC, REST, dataset upload, downloads) resolves its caller here, so this is where a cookie-signed
 * mutation from another site is refused (ForbiddenError, 403); token requests are exempt.
 */
export async function buildContext({
  db,
  req,
  getSession,
}: {
  db: Db;
  req: Request;
  getSession: () => Promise<Session | null>;
}): Promise<Context> {
  const requestId = req.headers.get("x-request-id") ?? randomUUID();
  const log = logger.child({ requestId });
  const base = { db, requestId, log };
  const header = req.headers.get("authorization");
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const token = match ? await authenticateApiToken(db, match[1]!) : null;
    if (!token) return { ...base, user: null, authError: "Invalid, expired or revoked API token" };
    const user = { id: token.userId, email: token.email, name: token.name, tokenOrgId: token.orgId };
    return { ...base, user, authError: null };
  }
  const u = (await getSession())?.user;
  const user = u?.id ? { id: u.id, email: u.email ?? "", name: u.name ?? "", tokenOrgId: null } : null;
  if (user) assertSameOriginForCookie(req);
  return { ...base, user, authError: null };
}
