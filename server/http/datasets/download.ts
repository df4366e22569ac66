import { Readable } from "node:stream";
import { BadRequestError } from "@/server/services/errors";
import { assertCan } from "@/server/auth/permissions";
import { findDataset, findVersion } from "@/server/services/datasets/internal";
import { VersionRef } from "@/server/services/datasets/schemas";
import type { ArtifactStore } from "@/server/storage/artifact-store";
import { formatZodIssues } from "@/server/services/format-issues";
import { datasetNameParam, errorResponse, orgContextFor, type DatasetHttpDeps } from "./auth";
import { attachmentDisposition } from "../content-disposition";

const MIME = { csv: "text/csv; charset=utf-8", jsonl: "application/x-ndjson; charset=utf-8" } as const;

/** GET …/datasets/{name}/versions/{version}/download: the exact bytes uploaded, as an attachment. */
export async function handleDatasetDownload(
  req: Request,
  deps: DatasetHttpDeps & { store: ArtifactStore },
  params: { org: string; key: string; name: string; version: string },
): Promise<Response> {
  try {
    const ctx = await orgContextFor(req, deps, params.org);
    const ref = VersionRef.safeParse({ key: params.key, name: datasetNameParam(params.name), version: params.version });
    if (!ref.success) throw new BadRequestError(formatZodIssues(ref.error.issues));
    assertCan(ctx.roles, "dataset.read");
    const { dataset } = await findDataset(ctx.db, ctx, ref.data);
    const { v } = await findVersion(ctx.db, dataset.id, ref.data.version);
    const { stream, size } = await deps.store.read(v.storageKey);
    const ext = v.format === "csv" ? "csv" : "jsonl";
    const filename = `${dataset.name}-v${v.version}.${ext}`;
    return new Response(Readable.toWeb(stream) as unknown as ReadableStream, {
      headers: {
        "content-type": MIME[v.format],
        "content-length": String(size),
        "content-disposition": attachmentDisposition(filename),
        "x-content-type-options": "nosniff",
        "cache-control": "private, no-store",
        etag: `"${v.sha256}"`,
        "x-checksum-sha256": v.sha256,
      },
    });
  } catch (err) {
    return errorResponse(err);
  }
}
