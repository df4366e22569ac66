import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import type { DatasetFormat } from "@/server/services/domain";
import { BadRequestError } from "@/server/services/errors";
import { DatasetRef } from "@/server/services/datasets/schemas";
import { MAX_UPLOAD_BYTES, UploadTooLargeError, uploadVersion } from "@/server/services/datasets/upload-version";
import type { ArtifactStore } from "@/server/storage/artifact-store";
import { formatZodIssues } from "@/server/services/format-issues";
import { datasetNameParam, errorResponse, orgContextFor, type DatasetHttpDeps } from "./auth";

const CONTENT_TYPES: Record<string, DatasetFormat> = {
  "text/csv": "csv",
  "application/csv": "csv",
  "application/x-ndjson": "jsonl",
  "application/ndjson": "jsonl",
  "application/jsonl": "jsonl",
  "application/x-jsonlines": "jsonl",
  "application/jsonlines": "jsonl",
};

function formatOf(req: Request, url: URL, filename: string): DatasetFormat {
  const q = url.searchParams.get("format");
  if (q === "csv" || q === "jsonl") return q;
  if (q) throw new BadRequestError("must be csv or jsonl", { field: "format" });
  const type = (req.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (CONTENT_TYPES[type]) return CONTENT_TYPES[type];
  if (/\.csv$/i.test(filename)) return "csv";
  if (/\.(jsonl|ndjson)$/i.test(filename)) return "jsonl";
  throw new BadRequestError("send Content-Type text/csv or application/x-ndjson, or add ?format=csv or ?format=jsonl", { field: "format" });
}

/**
 * POST /api/v1/orgs/{org}/projects/{key}/datasets/{name}/versions with the raw file as the body.
 * 201 with the new version, 200 with the existing one when the same bytes were uploaded before.
 */
export async function handleDatasetUpload(
  req: Request,
  deps: DatasetHttpDeps & { store: ArtifactStore; maxBytes?: number },
  params: { org: string; key: string; name: string },
): Promise<Response> {
  const maxBytes = deps.maxBytes ?? MAX_UPLOAD_BYTES;
  try {
    const ctx = await orgContextFor(req, deps, params.org);
    const ref = DatasetRef.safeParse({ key: params.key, name: datasetNameParam(params.name) });
    if (!ref.success) throw new BadRequestError(formatZodIssues(ref.error.issues));
    const url = new URL(req.url);
    const filename = (url.searchParams.get("filename") ?? "").split(/[\\/]/).pop()!.slice(0, 255);
    const format = formatOf(req, url, filename);
    const declared = Number(req.headers.get("content-length") ?? NaN);
    if (declared > maxBytes) throw new UploadTooLargeError(maxBytes);
    if (!req.body) throw new BadRequestError("send the file as the request body", { field: "body" });
    const body = Readable.fromWeb(req.body as unknown as WebReadableStream<Uint8Array>);
    const { created, version } = await uploadVersion({ ctx, input: { ...ref.data, format, filename }, body, store: deps.store, maxBytes });
    return Response.json(version, { status: created ? 201 : 200, headers: { location: version.downloadUrl.replace(/\/download$/, "") } });
  } catch (err) {
    return errorResponse(err);
  }
}

