/** The cap on a JSON request body, unless a route declares its own (the MLflow API's, tRPC's, REST's, the runner protocol's). */
export const MAX_JSON_BODY_BYTES = 1024 * 1024;

/** A request body past its route's cap: answered 413 before more of it is read. */
export class BodyTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`Request body is larger than ${maxBytes} bytes (${formatBytes(maxBytes)}), the limit of this endpoint`);
  }
}

const formatBytes = (n: number) => (n >= 1024 * 1024 ? `${n / (1024 * 1024)} MiB` : `${n / 1024} KiB`);

/**
 * Reads a request body up to `maxBytes`: refuses at once when Content-Length says more, and counts
 * while streaming (a chunked body may not declare its length), cancelling the stream past the cap.
 */
export async function readBodyBytes(req: Request, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > maxBytes) throw new BodyTooLargeError(maxBytes);
  if (!req.body) return new Uint8Array();
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLargeError(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

export async function readBodyText(req: Request, maxBytes: number): Promise<string> {
  return new TextDecoder().decode(await readBodyBytes(req, maxBytes));
}

/**
 * For handlers that read the whole body themselves (tRPC, trpc-to-openapi): the body is read here
 * under the cap and handed on as bytes, so the library never sees more than `maxBytes`.
 */
export async function withCappedBody(req: Request, maxBytes: number): Promise<Request> {
  if (req.method === "GET" || req.method === "HEAD" || !req.body) return req;
  const body = await readBodyBytes(req, maxBytes);
  return new Request(req.url, { method: req.method, headers: req.headers, body: body as BodyInit, signal: req.signal });
}

export function payloadTooLarge(err: BodyTooLargeError): Response {
  return Response.json({ message: err.message, code: "PAYLOAD_TOO_LARGE" }, { status: 413 });
}
