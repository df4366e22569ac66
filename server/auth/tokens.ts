import { createHash, randomBytes } from "node:crypto";

/**
 * Prefixes say what a secret is for: `rb_` personal API token, `rbr_` runner registration token,
 * `rbn_` runner token, `rbj_` per-job MLflow token (valid while the job's lease is live).
 */
export type TokenKind = "rb_" | "rbr_" | "rbn_" | "rbj_";

export function generateToken(kind: TokenKind): { token: string; hash: string; prefix: string } {
  const token = `${kind}${randomBytes(24).toString("base64url")}`;
  return { token, hash: hashToken(token), prefix: token.slice(0, kind.length + 6) };
}

/** Tokens are long random secrets, so a fast unsalted SHA-256 is enough to make the stored value useless. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
