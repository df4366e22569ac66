import { Readable } from "node:stream";
import { z } from "zod";
import type { Db } from "@/server/services/domain";
import { BODY_LIMITS, PROTOCOL_PATH, RegisterRequest } from "@/runner/protocol";
import { asServiceError, BadRequestError, HTTP_STATUS, messageNamingField, ServiceError } from "@/server/services/errors";
import { BodyTooLargeError, readBodyText } from "@/server/http/body";
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

const JOB_VERBS = ["heartbeat", "logs", "complete"] as const;
const JobPath = new RegExp(`^${PROTOCOL_PATH}/jobs/([^/]*)/(${JOB_VERBS.join("|")})$`);
const DatasetPath = new RegExp(`^${PROTOCOL_PATH}/jobs/([^/]*)/dataset$`);
const JobId = z.uuid();
export const LEASE_HEADER = "x-runboard-lease";

/**
 * Every endpoint this handler serves, under PROTOCOL_PATH (`:id` is a job id): the route crawl and
 * the fuzz suite enumerate it, so an endpoint added here is covered by them.
 */
export const RUNNER_ROUTES: readonly { method: "GET" | "POST"; path: string; credential: "registration token in the body" | "runner token" }[] = [
  { method: "POST", path: "/register", credential: "registration token in the body" },
  { method: "POST", path: "/claim", credential: "runner token" },
  ...JOB_VERBS.map((verb) => ({ method: "POST" as const, path: `/jobs/:id/${verb}`, credential: "runner token" as const })),
  { method: "GET", path: "/jobs/:id/dataset", credential: "runner token" },
];

/**
 * The runner protocol (runner/protocol.ts) over HTTP: Bearer runner token, zod-validated JSON, ServiceErrors as status codes.
 * Every call but /register authenticates from its header before any of the body is read, and every
 * body is read under its route's cap (BODY_LIMITS): a stranger's 300 MiB claim costs one token lookup.
 */
export async function handleRunnerRequest(req: Request, db: Db, opts: Partial<RunnerTimings> = {}, store?: ArtifactStore): Promise<Response> {
  try {
    const { pathname } = new URL(req.url);
    const dataset = DatasetPath.exec(pathname);
    if (dataset && req.method === "GET") return await datasetResponse(req, db, dataset[1]!, store);
    if (req.method !== "POST") return error(405, "METHOD_NOT_ALLOWED", "The runner protocol uses POST");
    if (pathname === `${PROTOCOL_PATH}/register`) {
      // The registration token travels in the body, so this one body is read first, under a small cap.
      const body = await readJson(req, BODY_LIMITS.register);
      return Response.json(await registerRunner({ db, input: RegisterRequest.parse(body) }), { status: 201 });
    }
    const ctx = await authenticateRunner(db, req.headers.get("authorization"));
    if (pathname === `${PROTOCOL_PATH}/claim`) {
      const result = await claimJob({ ctx, input: (await readJson(req, BODY_LIMITS.claim)) as never, opts });
      return Response.json(result);
    }
    const m = JobPath.exec(pathname);
    if (!m) return error(404, "NOT_FOUND", `No runner endpoint ${pathname}`);
    const [, rawId, verb] = m as unknown as [string, string, "heartbeat" | "logs" | "complete"];
    const jobId = parseJobId(rawId);
    const body = (await readJson(req, BODY_LIMITS[verb])) as never;
    if (verb === "heartbeat") return Response.json(await heartbeat({ ctx, jobId, input: body, opts }));
    if (verb === "logs") return Response.json(await appendLogs({ ctx, jobId, input: body }));
    return Response.json(await completeJob({ ctx, jobId, input: body }));
  } catch (thrown) {
    const err = asServiceError(thrown);
    if (err instanceof ServiceError) return error(HTTP_STATUS[err.code], err.code, messageNamingField(err));
    if (err instanceof z.ZodError) return error(400, "BAD_REQUEST", formatZodIssues(err.issues));
    if (err instanceof BodyTooLargeError) return error(413, "PAYLOAD_TOO_LARGE", err.message);
    if (err instanceof SyntaxError) return error(400, "BAD_REQUEST", "The body must be JSON");
    throw err;
  }
}

function parseJobId(raw: string): string {
  if (!JobId.safeParse(raw).success) throw new BadRequestError("must be a job's UUID", { field: "jobId" });
  return raw.toLowerCase();
}

/** GET /jobs/:id/dataset: the built-in job's dataset version, streamed, for the runner holding the lease named in x-runboard-lease. */
async function datasetResponse(req: Request, db: Db, rawId: string, store: ArtifactStore | undefined) {
  const ctx = await authenticateRunner(db, req.headers.get("authorization"));
  const jobId = parseJobId(rawId);
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

async function readJson(req: Request, maxBytes: number): Promise<unknown> {
  const text = await readBodyText(req, maxBytes);
  return text ? (JSON.parse(text) as unknown) : {};
}

function error(status: number, code: string, message: string) {
  return Response.json({ code, message }, { status });
}
