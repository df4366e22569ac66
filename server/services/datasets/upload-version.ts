import { randomUUID } from "node:crypto";
import { mkdir, rename } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { and, eq } from "drizzle-orm";
import { datasets, datasetVersions, type DatasetFormat } from "@/db/schema";
import { isStorableText, UNSTORABLE_TEXT } from "@/lib/text";
import { assertCan } from "@/server/auth/permissions";
import type { ArtifactStore } from "@/server/storage/artifact-store";
import type { OrgContext } from "../context";
import { BadRequestError } from "../errors";
import { blobKey, findDataset, findVersion, toVersionOut } from "./internal";
import { createProfiler } from "./profile";
import type { DatasetRef } from "./schemas";

export const MAX_UPLOAD_BYTES = 1024 ** 3;

/** The adapters answer this one with 413. */
export class UploadTooLargeError extends BadRequestError {
  constructor(maxBytes: number) {
    super(`body: the file is larger than the limit of ${maxBytes} bytes (${Math.round(maxBytes / 1024 ** 2)} MiB)`);
  }
}

export interface UploadVersionInput extends DatasetRef {
  format: DatasetFormat;
  filename: string;
}

/**
 * Streams `body` once: into a temporary object of the store (hashing it) and through the profiler.
 * Then, in one transaction holding the dataset row, identical content answers the existing version
 * (`created: false`); new content moves to its content-addressed blob and becomes the next version.
 * A bad file, an oversize body or a broken connection leaves nothing behind.
 */
export async function uploadVersion({
  ctx,
  input,
  body,
  store,
  maxBytes = MAX_UPLOAD_BYTES,
}: {
  ctx: OrgContext;
  input: UploadVersionInput;
  body: AsyncIterable<Uint8Array>;
  store: ArtifactStore;
  maxBytes?: number;
}) {
  assertCan(ctx.roles, "dataset.write");
  if (!isStorableText(input.filename)) throw new BadRequestError(UNSTORABLE_TEXT, { field: "filename" });
  await findDataset(ctx.db, ctx, input);
  const profiler = createProfiler(input.format);
  const tempKey = `uploads/${randomUUID()}`;
  const tapped = Readable.from(
    (async function* () {
      let size = 0;
      for await (const chunk of body) {
        size += chunk.byteLength;
        if (size > maxBytes) throw new UploadTooLargeError(maxBytes);
        const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
        profiler.write(buf);
        yield buf;
      }
    })(),
    { objectMode: false },
  );
  let created: string | null = null; // the blob this upload moved into place, until its version row is committed
  try {
    const stored = await store.put(tempKey, tapped, { maxBytes });
    const profile = profiler.end();
    return await ctx.db.transaction(async (tx) => {
      const { dataset, projectKey } = await findDataset(tx, ctx, input, { lock: true });
      const [existing] = await tx
        .select({ version: datasetVersions.version })
        .from(datasetVersions)
        .where(and(eq(datasetVersions.datasetId, dataset.id), eq(datasetVersions.sha256, stored.sha256)))
        .limit(1);
      if (existing) {
        return { created: false, version: toVersionOut(ctx, projectKey, dataset.name, await findVersion(tx, dataset.id, existing.version)) };
      }
      const key = blobKey(stored.sha256);
      const version = dataset.versionSeq + 1;
      await tx.update(datasets).set({ versionSeq: version }).where(and(eq(datasets.id, dataset.id), eq(datasets.orgId, ctx.org.id)));
      await tx.insert(datasetVersions).values({
        datasetId: dataset.id,
        version,
        sha256: stored.sha256,
        size: stored.size,
        format: input.format,
        rowCount: profile.rowCount,
        schema: profile.schema,
        stats: profile.stats,
        storageKey: key,
        originalFilename: input.filename,
        createdBy: ctx.actor.userId,
      });
      const out = toVersionOut(ctx, projectKey, dataset.name, await findVersion(tx, dataset.id, version));
      // Last step before the commit, so a failed insert moves nothing.
      if (!(await store.stat(key))) {
        const target = store.resolve(key);
        await mkdir(path.dirname(target), { recursive: true });
        await rename(store.resolve(tempKey), target);
        created = key;
      }
      return { created: true, version: out };
    });
  } catch (err) {
    // The commit failed after the move: remove the blob unless another version (same bytes, another dataset) committed it meanwhile.
    if (created && !(await blobInUse(ctx, created))) await store.remove(created);
    throw err;
  } finally {
    await store.remove(tempKey);
  }
}

async function blobInUse(ctx: OrgContext, key: string) {
  const rows = await ctx.db.select({ id: datasetVersions.id }).from(datasetVersions).where(eq(datasetVersions.storageKey, key)).limit(1);
  return rows.length > 0;
}
