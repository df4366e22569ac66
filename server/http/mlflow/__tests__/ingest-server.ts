// The web server of the ingest chaos test, as a process of its own that the test SIGKILLs: the real
// MLflow handler (routed as app/mlflow/[org]/[project]/api/2.0/mlflow/[...path]) on node:http,
// opened on CHAOS_DB (a PGlite data directory or a postgres:// URL) exactly as the app opens it.
// Prints {"url": …} once it listens. Run: node --import tsx server/http/mlflow/__tests__/ingest-server.ts
import { openDatabase } from "@/db/client";
import { serveFetchHandler } from "@/server/http/node-server";
import { ArtifactStore } from "@/server/storage/artifact-store";
import { handleMlflowRequest } from "../handler";

async function main() {
  const target = process.env.CHAOS_DB!;
  const database = await openDatabase(target.startsWith("postgres") ? { kind: "postgres", url: target } : { kind: "pglite", dir: target });
  const store = new ArtifactStore(process.env.CHAOS_ARTIFACTS!);
  const server = await serveFetchHandler(async (request) => {
    const m = /^\/mlflow\/([^/]+)\/([^/]+)\/api\/2\.0\/mlflow\/(.+)$/.exec(new URL(request.url).pathname);
    if (!m) return new Response(null, { status: 404 });
    return handleMlflowRequest(request, { db: database.db, store, org: m[1]!, project: m[2]!, path: m[3]! });
  });
  process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
}

void main();
