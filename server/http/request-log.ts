import { randomUUID } from "node:crypto";
import { logger } from "@/server/logger";

/**
 * Gives every API request an id (the caller's `x-request-id` or a new one), passes it on to the
 * handler, returns it in the response and logs one JSON line per request: no headers, no bodies.
 */
export function withRequestLog(handler: (req: Request) => Promise<Response>) {
  return async (incoming: Request): Promise<Response> => {
    const started = performance.now();
    const requestId = incoming.headers.get("x-request-id")?.slice(0, 100) || randomUUID();
    const headers = new Headers(incoming.headers);
    headers.set("x-request-id", requestId);
    const req = new Request(incoming, { headers });
    const { pathname } = new URL(req.url);
    try {
      const res = await handler(req);
      res.headers.set("x-request-id", requestId);
      logger.info({ requestId, method: req.method, path: pathname, status: res.status, ms: Math.round(performance.now() - started) }, "request");
      return res;
    } catch (err) {
      logger.error({ requestId, method: req.method, path: pathname, err }, "request failed");
      return Response.json({ message: `Something went wrong on our side (request ${requestId})`, code: "INTERNAL_SERVER_ERROR" }, { status: 500, headers: { "x-request-id": requestId } });
    }
  };
}
