// The runner protocol handler (the route app/api/runner/v1 serves) behind plain node:http, for the
// benches and the device checks. Run as a process of its own (bench/runner.ts --servers N):
//   BENCH_DATABASE_URL=postgres://… node --import tsx bench/runner-serve.ts   → prints its URL
import http from "node:http";
import type { AddressInfo } from "node:net";
import { openDatabase, type Db } from "@/db/client";
import { handleRunnerRequest } from "@/server/http/runner/handler";
import type { RunnerTimings } from "@/server/services/runner/config";

export function serveRunnerProtocol(db: Db, timings: Partial<RunnerTimings> = {}) {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const request = new Request(`http://127.0.0.1${req.url}`, { method: req.method, headers: req.headers as Record<string, string>, body: req.method === "POST" ? Buffer.concat(chunks) : undefined });
      handleRunnerRequest(request, db, timings)
        .then(async (r) => {
          res.writeHead(r.status, { "content-type": "application/json" });
          res.end(Buffer.from(await r.arrayBuffer()));
        })
        .catch((err: unknown) => res.writeHead(500).end(String(err)));
    });
  });
  server.keepAliveTimeout = 60_000;
  return new Promise<{ url: string; close: () => void }>((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() })),
  );
}

if (process.env.BENCH_DATABASE_URL) {
  void (async () => {
    const database = await openDatabase({ kind: "postgres", url: process.env.BENCH_DATABASE_URL! });
    const { url } = await serveRunnerProtocol(database.db);
    const cpu0 = process.cpuUsage();
    process.stdout.write(url + "\n");
    // on "cpu": the CPU this server has used since it started listening, in ms
    process.stdin.on("data", () => {
      const cpu = process.cpuUsage(cpu0);
      process.stdout.write(`${(cpu.user + cpu.system) / 1000}\n`);
    });
  })();
}
