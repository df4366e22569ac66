import { Readable } from "node:stream";
import { z } from "zod";
import type { Db } from "@/server/services/domain";
import { PROTOCOL_PATH, RegisterRequest } from "@/runner/protocol";
import { asServiceError, HTTP_STATUS, messageNamingField, ServiceError } from "@/server/services/errors";
import { appendLogs } from "@/server/services/runner-protocol/append-logs";
import { claimJob } from "@/server/services/runner-protocol/claim";
import { completeJob } from "@/server/services/runner-protocol/complete";
import type { RunnerTimings } from "@/server/services/runner-protocol/config";
import { heartbeat } from "@/server/services/runner-protocol/heartbeat";
import { authenticateRunner } from "@/server/services/runner-protocol/internal";
import { openJobDataset } from "@/server/services/runner-protocol/job-dataset";
import { registerRunner } from "@/server/services/runners/register";
import type { ArtifactStore } from "@/server/storage/artifact-store";
import { formatZodIssues } from "@/server/services/format-issues";

const JobPath = new RegExp(`^${PROTOCOL_PATH}/jobs/([0-9a-f-]{36})/(heartbeat|logs|complete)$`);
const DatasetPath = new RegExp(`^${PROTOCOL_PATH}/jobs/([0-9a-f-]{36})/dataset$`);
export const LEASE_HEADER = "x-runboard-lease";

/** The runner protocol (runner/protocol.ts) over HTTP: Bearer runner token, zod-validated JSON, ServiceErrors as status codes. */
export async function handleRunnerRequest(req: Request, db: Db, opts: Partial<RunnerTimings> = {}, store?: ArtifactStore): Promise<Response> {
  try {
    const { pathname } = new URL(req.url);
    const dataset = DatasetPath.exec(pathname);
    if (dataset && req.method === "GET") return await datasetResponse(req, db, dataset[1]!, store);
    if (req.method !== "POST") return error(405, "METHOD_NOT_ALLOWED", "The runner protocol uses POST");
    const body = await readJson(req);
    if (pathname === `${PROTOCOL_PATH}/register`) {
      return Response.json(await registerRunner({ db, input: RegisterRequest.parse(body) }), { status: 201 });
    }
    const ctx = await authenticateRunner(db, req.headers.get("authorization"));
    if (pathname === `${PROTOCOL_PATH}/claim`) {
      const result = await claimJob({ ctx, input: body as never, opts });
      return result.kind === "idle" ? Response.json(result, { status: 200 }) : Response.json(result);
    }
    const m = JobPath.exec(pathname);
    if (!m) return error(404, "NOT_FOUND", `No runner endpoint ${pathname}`);
    const [, jobId, verb] = m as unknown as [string, string, "heartbeat" | "logs" | "complete"];
    if (verb === "heartbeat") return Response.json(await heartbeat({ ctx, jobId, input: body as never, opts }));
    if (verb === "logs") return Response.json(await appendLogs({ ctx, jobId, input: body as never }));
    return Response.json(await completeJob({ ctx, jobId, input: body as never }));
  } catch (thrown) {
    const err = asServiceError(thrown);
    if (err instanceof ServiceError) return error(HTTP_STATUS[err.code], err.code, messageNamingField(err));
    if (err instanceof z.ZodError) return error(400, "BAD_REQUEST", formatZodIssues(err.issues));
    if (err instanceof SyntaxError) return error(400, "BAD_REQUEST", "The body must be JSON");
    throw err;
  }
}

/** GET /jobs/:id/dataset: the built-in job's dataset version, streamed, for the runner holding the lease named in x-runboard-lease. */
async function datasetResponse(req: Request, db: Db, jobId: string, store: ArtifactStore | undefined) {
  const ctx = await authenticateRunner(db, req.headers.get("authorization"));
  const leaseId = z.uuid().safeParse(req.headers.get(LEASE_HEADER));
  if (!leaseId.success) return error(400, "BAD_REQUEST", `${LEASE_HEADER}: send the job's lease id`);
  if (!store) return error(404, "NOT_FOUND", "This server has no artifact store");
  const file = await openJobDataset({ ctx, jobId, leaseId: leaseId.data, store });
  return new Response(Readable.toWeb(file.stream) as ReadableStream, {
    headers: {
      "content-type": file.format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson",
      "content-length": String(file.size),
      "x-runboard-dataset": `${file.name}@${file.version}`,
      "x-runboard-dataset-format": file.format,
      "x-runboard-dataset-sha256": file.sha256,
      "cache-control": "private, no-store",
    },
  });
}

async function readJson(req: Request): Promise<unknown> {
  const text = await req.text();
  return text ? (JSON.parse(text) as unknown) : {};
}

function error(status: number, code: string, message: string) {
  return Response.json({ code, message }, { status });
}
