import { randomUUID } from "node:crypto";
import type { Session } from "next-auth";
import type { Db } from "@/server/services/domain";
import { clientAddress } from "@/server/http/client-address";
import { logger } from "@/server/logger";
import { assertSameOriginForCookie } from "@/server/auth/same-origin";
import { authenticateApiToken } from "@/server/services/tokens/authenticate-api-token";

export interface Caller {
  id: string;
  email: string;
  name: string;
  /** Set when the caller authenticated with an API token: the token only works in this organization. */
  tokenOrgId: string | null;
  /** The browser session (`user_sessions` row) the cookie stands for; absent for API tokens. */
  sessionId?: string | null;
}

export interface Context {
  db: Db;
  user: Caller | null;
  /** Why authentication failed, when a bearer token was sent and refused. */
  authError: string | null;
  requestId: string;
  log: typeof logger;
  /** The client's address for rate limits (`server/http/client-address.ts`); null or absent when unknown. */
  clientIp?: string | null;
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
  const base = { db, requestId, log, clientIp: clientAddress(req.headers) };
  const header = req.headers.get("authorization");
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const token = match ? await authenticateApiToken(db, match[1]!) : null;
    if (!token) return { ...base, user: null, authError: "Invalid, expired or revoked API token" };
    const user = { id: token.userId, email: token.email, name: token.name, tokenOrgId: token.orgId };
    return { ...base, user, authError: null };
  }
  const session = await getSession();
  const u = session?.user;
  const user = u?.id ? { id: u.id, email: u.email ?? "", name: u.name ?? "", tokenOrgId: null, sessionId: session?.sessionId ?? null } : null;
  if (user) assertSameOriginForCookie(req);
  return { ...base, user, authError: null };
}
