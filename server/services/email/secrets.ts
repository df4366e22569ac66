import { randomBytes } from "node:crypto";
import { hashToken } from "@/server/auth/tokens";

/** A link secret (256 random bits) and the SHA-256 that is all the database keeps of it. */
export function newLinkSecret(): { secret: string; hash: string } {
  const secret = randomBytes(32).toString("base64url");
  return { secret, hash: hashToken(secret) };
}

/** Link secrets are base64url; anything else is refused before it reaches a query. */
export const LINK_SECRET_PATTERN = /^[A-Za-z0-9_-]{20,100}$/;
