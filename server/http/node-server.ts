import http from "node:http";
import type { AddressInfo } from "node:net";

export interface NodeServer {
  url: string;
  server: http.Server;
  close: () => Promise<void>;
}

/**
 * Serves a fetch-style handler (Request → Response, as the app's route handlers are) on plain
 * node:http at 127.0.0.1 on a free port. For tests, benches and device checks that need real HTTP
 * without a Next build; the app itself is served by Next. A handler that throws answers 500.
 */
export async function serveFetchHandler(handler: (request: Request) => Promise<Response>): Promise<NodeServer> {
  const server = http.createServer((req, res) => {
    void toRequest(req)
      .then(handler)
      .then(async (r) => {
        res.writeHead(r.status, Object.fromEntries(r.headers));
        res.end(Buffer.from(await r.arrayBuffer()));
      })
      .catch((err: unknown) => res.writeHead(500).end(String(err)));
  });
  server.keepAliveTimeout = 60_000;
  // A client killed mid-request (a SIGKILLed runner) resets its socket; that is not the server's problem.
  server.on("clientError", (_err, socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections(); // keep-alive sockets (long-polling runners) would hold close() open
      }),
  };
}

async function toRequest(req: http.IncomingMessage): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  return new Request(`http://127.0.0.1${req.url}`, { method: req.method, headers: req.headers as Record<string, string>, body: hasBody ? Buffer.concat(chunks) : undefined });
}
