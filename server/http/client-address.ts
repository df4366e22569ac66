import http from "node:http";
import { env } from "@/server/env";

/**
 * The socket's address, written onto every incoming request by `installPeerAddressHeader` (which
 * overwrites whatever a client sent under that name). Next.js only fills `X-Forwarded-For` when the
 * client sent none, so that header cannot be trusted without a proxy that sets it.
 */
export const PEER_HEADER = "x-runboard-peer";

/** Called once at server start (instrumentation.ts): every node:http server of the process then tags requests. */
export function installPeerAddressHeader(): void {
  const g = globalThis as unknown as { __runboardPeerHeader?: boolean };
  if (g.__runboardPeerHeader) return;
  g.__runboardPeerHeader = true;
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const req = args[0] as http.IncomingMessage;
      req.headers[PEER_HEADER] = req.socket?.remoteAddress ?? "";
    }
    return Reflect.apply(emit, this, [event, ...args]) as boolean;
  } as typeof emit;
}

/**
 * The client's address for rate limits: with `TRUST_PROXY=n`, the n-th entry from the right of
 * `X-Forwarded-For` (what the outermost trusted proxy saw); otherwise the socket's address. IPv6
 * addresses count per /64, the block one subscriber usually holds. Null when unknown.
 */
export function clientAddress(headers: Headers): string | null {
  const hops = env().TRUST_PROXY;
  const forwarded = hops > 0 ? (headers.get("x-forwarded-for") ?? "").split(",").map((s) => s.trim()).filter(Boolean) : [];
  const raw = forwarded.length > 0 ? forwarded[Math.max(0, forwarded.length - hops)]! : headers.get(PEER_HEADER);
  return raw ? normalize(raw) : null;
}

function normalize(address: string): string {
  const a = address.replace(/^\[|\]$/g, "").replace(/%.*$/, "").toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (mapped) return mapped[1]!;
  if (!a.includes(":")) return a;
  const [head = "", tail = ""] = a.split("::");
  const left = head ? head.split(":") : [];
  const right = a.includes("::") && tail ? tail.split(":") : [];
  const groups = a.includes("::") ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, "")).join(":")}::/64`;
}
