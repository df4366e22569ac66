import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import { env } from "@/server/env";

/**
 * A signed, httpOnly cookie naming the accounts this browser signed in to. Sign-in throttling
 * spares the right password from such a browser, so a stranger's failures cannot lock the owner out.
 * Scoped to /api/auth: only the sign-in endpoints ever see it.
 */
export const KNOWN_DEVICE_COOKIE = "runboard.known-device";
const MAX_ACCOUNTS = 10;
const MAX_AGE_S = 180 * 24 * 3600;

export interface KnownDevice {
  id: string;
  userIds: string[];
}

function sign(payload: string): string {
  const key = createHmac("sha256", env().AUTH_SECRET ?? "").update("runboard known-device cookie v1").digest();
  return createHmac("sha256", key).update(payload).digest("base64url");
}

function cookieValue(cookieHeader: string | null): string | null {
  for (const part of (cookieHeader ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === KNOWN_DEVICE_COOKIE) return part.slice(eq + 1).trim();
  }
  return null;
}

/** The device named by a request's cookie header, or null when there is none or its signature does not hold. */
export function readKnownDevice(cookieHeader: string | null): KnownDevice | null {
  const value = cookieValue(cookieHeader);
  const [payload, mac] = value?.split(".") ?? [];
  if (!payload || !mac) return null;
  const expected = Buffer.from(sign(payload));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const parsed = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { d?: unknown; u?: unknown };
    if (typeof parsed.d !== "string" || !Array.isArray(parsed.u)) return null;
    return { id: parsed.d, userIds: parsed.u.filter((u): u is string => typeof u === "string") };
  } catch {
    return null;
  }
}

/** The Set-Cookie header that adds `userId` to the browser's known accounts (most recent first). */
export function knownDeviceCookie(current: KnownDevice | null, userId: string, secure: boolean): string {
  const userIds = [userId, ...(current?.userIds ?? []).filter((u) => u !== userId)].slice(0, MAX_ACCOUNTS);
  const payload = Buffer.from(JSON.stringify({ d: current?.id ?? randomUUID(), u: userIds })).toString("base64url");
  const attrs = [`Path=/api/auth`, `Max-Age=${MAX_AGE_S}`, "HttpOnly", "SameSite=Lax", ...(secure ? ["Secure"] : [])];
  return [`${KNOWN_DEVICE_COOKIE}=${payload}.${sign(payload)}`, ...attrs].join("; ");
}
