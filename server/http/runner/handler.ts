import { z } from "zod";
import type { Db } from "@/db/client";
import { PROTOCOL_PATH, RegisterRequest } from "@/runner/protocol";
import { HTTP_STATUS, ServiceError } from "@/server/services/errors";
import { appendLogs } from "@/server/services/runner/append-logs";
import { claimJob } from "@/server/services/runner/claim";
import { completeJob } from "@/server/services/runner/complete";
import type { RunnerTimings } from "@/server/services/runner/config";
import { heartbeat } from "@/server/services/runner/heartbeat";
import { authenticateRunner } from "@/server/services/runner/internal";
import { registerRunner } from "@/server/services/runner/register";
import { formatZodIssues } from "@/server/trpc/format-issues";

const JobPath = new RegExp(`^${PROTOCOL_PATH}/jobs/([0-9a-f-]{36})/(heartbeat|logs|complete)$`);

/** The runner protocol (runner/protocol.ts) over HTTP: Bearer runner token, zod-validated JSON, ServiceErrors as status codes. */
export async function handleRunnerRequest(req: Request, db: Db, opts: Partial<RunnerTimings> = {}): Promise<Response> {
  try {
    if (req.method !== "POST") return error(405, "METHOD_NOT_ALLOWED", "The runner protocol uses POST");
    const { pathname } = new URL(req.url);
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
  } catch (err) {
    if (err instanceof ServiceError) return error(HTTP_STATUS[err.code], err.code, err.message);
    if (err instanceof z.ZodError) return error(400, "BAD_REQUEST", formatZodIssues(err.issues));
    if (err instanceof SyntaxError) return error(400, "BAD_REQUEST", "The body must be JSON");
    throw err;
  }
}

async function readJson(req: Request): Promise<unknown> {
  const text = await req.text();
  return text ? (JSON.parse(text) as unknown) : {};
}

function error(status: number, code: string, message: string) {
  return Response.json({ code, message }, { status });
}
