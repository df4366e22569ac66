/** Request bodies for tests of the caps: one that never ends, one streamed without a Content-Length. */
export function endlessBody(): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(new TextEncoder().encode('{"json":{"padding":"'));
    },
  });
}

export function chunkedBody(bytes: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= bytes) return controller.close();
      const n = Math.min(64 * 1024, bytes - sent);
      sent += n;
      controller.enqueue(new Uint8Array(n).fill(0x20));
    },
  });
}

/** Rejects when `p` has not settled after `ms`: a handler that awaits an endless body fails here. */
export async function within<T>(ms: number, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)));
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export const streamed = (url: string, body: ReadableStream<Uint8Array>, headers: Record<string, string> = {}, method = "POST") =>
  new Request(url, { method, headers, body, duplex: "half" } as RequestInit);
