import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import type { Db } from "@/server/services/domain";
import { downloadArtifact, listProxiedArtifacts, uploadArtifact } from "@/server/services/mlflow/artifacts";
import { BadRequestError, ConflictError, messageNamingField } from "@/server/services/errors";
import type { ArtifactStore } from "@/server/storage/artifact-store";
import { authenticateMlflow } from "./auth";
import { mlflowError, mlflowErrorResponse } from "./handler";
import { fileInfoJson } from "./serialize";
import { attachmentDisposition } from "../content-disposition";

/** Types a browser may show as-is; everything else (HTML, SVG, scripts …) is plain bytes. */
const SAFE_TYPES: Record<string, string> = {
  txt: "text/plain; charset=utf-8",
  log: "text/plain; charset=utf-8",
  json: "application/json",
  csv: "text/csv; charset=utf-8",
  yaml: "text/plain; charset=utf-8",
  yml: "text/plain; charset=utf-8",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
};

export function downloadHeaders(name: string, size: number): HeadersInit {
  const ext = name.includes(".") ? name.slice(name.lastIndexOf(".") + 1).toLowerCase() : "";
  return {
    "content-type": SAFE_TYPES[ext] ?? "application/octet-stream",
    "content-length": String(size),
    "content-disposition": attachmentDisposition(name),
    "x-content-type-options": "nosniff",
    "content-security-policy": "default-src 'none'; sandbox",
    "cache-control": "private, no-store",
  };
}

/**
 * Serves MLflow's proxied artifact store at `/mlflow/<org>/<project>/api/2.0/mlflow-artifacts/artifacts/<path>`:
 * PUT uploads (streamed), GET downloads, GET without a path lists `?path=`. `segments` are the
 * path segments as the router decoded them (once); every check happens on their joined form.
 */
export async function handleMlflowArtifactsRequest(
  req: Request,
  { db, store, org, project, segments }: { db: Db; store: ArtifactStore; org: string; project: string; segments: string[] | undefined },
): Promise<Response> {
  const path = (segments ?? []).join("/");
  try {
    const ctx = { ...(await authenticateMlflow(db, req, org, project)), store };
    if (!path) {
      if (req.method !== "GET") return mlflowError("ENDPOINT_NOT_FOUND", `No ${req.method} endpoint at /api/2.0/mlflow-artifacts/artifacts`, 404);
      const files = await listProxiedArtifacts({ ctx, input: { path: new URL(req.url).searchParams.get("path") ?? undefined } });
      return Response.json(files.length ? { files: files.map(fileInfoJson) } : {});
    }
    if (req.method === "PUT") {
      if (!req.body) throw new BadRequestError("send the file's bytes", { field: "body" });
      await uploadArtifact({ ctx, input: { path, body: Readable.fromWeb(req.body as NodeReadableStream) } });
      return Response.json({});
    }
    if (req.method === "GET") {
      const file = await downloadArtifact({ ctx, input: { path } });
      return new Response(Readable.toWeb(file.stream) as ReadableStream, { headers: downloadHeaders(file.name, file.size) });
    }
    return mlflowError("ENDPOINT_NOT_FOUND", `No ${req.method} endpoint at /api/2.0/mlflow-artifacts/artifacts/<path>`, 404);
  } catch (err) {
    // A file over a folder or a folder under a file: 409, as for any HTTP file store (MLflow's own answers 500).
    if (err instanceof ConflictError) return mlflowError("RESOURCE_ALREADY_EXISTS", messageNamingField(err), 409);
    return mlflowErrorResponse(err, `mlflow-artifacts/artifacts/${path}`);
  }
}
