// The runner protocol handler (the route app/api/runner/v1 serves) behind plain node:http, for the
// benches and the device checks. Run as a process of its own (bench/runner.ts --servers N):
//   BENCH_DATABASE_URL=postgres://… node --import tsx bench/runner-serve.ts   → prints its URL
import { openDatabase, type Db } from "@/db/client";
import { serveFetchHandler } from "@/server/http/node-server";
import { handleRunnerRequest } from "@/server/http/runner/handler";
import type { RunnerTimings } from "@/server/services/runner-protocol/config";

export const serveRunnerProtocol = (db: Db, timings: Partial<RunnerTimings> = {}) => serveFetchHandler((request) => handleRunnerRequest(request, db, timings));

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
