import { createHash, randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { BadRequestError, NotFoundError } from "@/server/services/errors";

/**
 * Checks a client-supplied relative artifact path and returns it normalised ("a/b/c.txt").
 * Refused (400): empty, absolute, drive letters, backslashes, NUL or control characters, "." or
 * ".." segments, ";" segments, and any "%" (a path reaches us decoded once, so a "%" left in it is
 * double encoding, the classic way to smuggle "../" past a check).
 */
export function safeArtifactPath(input: string, field = "path"): string {
  const bad = (why: string) => new BadRequestError(why, { field });
  if (typeof input !== "string" || input.length === 0) throw bad("must not be empty");
  if (input.length > 1024) throw bad("must be at most 1024 characters");
  if ([...input].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) throw bad("must not contain control characters");
  if (input.includes("\\")) throw bad("must use / as the separator");
  if (input.includes("%")) throw bad("must not contain encoded characters");
  if (input.startsWith("/") || /^[a-zA-Z]:/.test(input)) throw bad("must be relative");
  const segments = input.split("/").filter((s, i, all) => !(s === "" && i === all.length - 1)); // allow a trailing slash
  for (const s of segments) {
    if (s === "" || s === "." || s === "..") throw bad("must not contain empty, . or .. segments");
    if (s.includes(";")) throw bad("must not contain ; in a segment");
  }
  return segments.join("/");
}

export interface StoredObject {
  sha256: string;
  size: number;
}

/**
 * A directory of artifacts. Every read and write goes through `resolve`, which refuses any path
 * that would leave `root` (after `safeArtifactPath`, as a second fence).
 */
export class ArtifactStore {
  readonly root: string;
  constructor(root: string) {
    this.root = path.resolve(root);
  }

  resolve(key: string): string {
    const full = path.resolve(this.root, safeArtifactPath(key, "path"));
    if (full !== this.root && !full.startsWith(this.root + path.sep)) throw new BadRequestError("leaves the artifact store", { field: "path" });
    return full;
  }

  /** Streams `body` to `key`, hashing on the way; the file appears atomically when complete. */
  async put(key: string, body: Readable, { maxBytes = Infinity }: { maxBytes?: number } = {}): Promise<StoredObject> {
    const target = this.resolve(key);
    await mkdir(path.dirname(target), { recursive: true });
    const tmpDir = path.join(this.root, ".tmp");
    await mkdir(tmpDir, { recursive: true });
    const tmp = path.join(tmpDir, randomUUID());
    const hash = createHash("sha256");
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        if (size > maxBytes) return done(new BadRequestError(`must be at most ${maxBytes} bytes`, { field: "body" }));
        hash.update(chunk);
        done(null, chunk);
      },
    });
    try {
      await pipeline(body, meter, createWriteStream(tmp, { mode: 0o600 }));
      await rename(tmp, target);
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
    return { sha256: hash.digest("hex"), size };
  }

  async stat(key: string) {
    try {
      const s = await stat(this.resolve(key));
      return { size: s.size, isDirectory: s.isDirectory(), modifiedAt: s.mtime };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw err;
    }
  }

  async read(key: string): Promise<{ stream: Readable; size: number }> {
    const s = await this.stat(key);
    if (!s || s.isDirectory) throw new NotFoundError("Artifact");
    return { stream: createReadStream(this.resolve(key)), size: s.size };
  }

  /** Direct children of a folder: files with sizes, and sub-folders. Missing folder → empty. */
  async list(prefix: string) {
    const dir = prefix ? this.resolve(prefix) : this.root;
    try {
      const entries = await readdir(dir, { withFileTypes: true });
      return Promise.all(
        entries
          .filter((e) => !e.name.startsWith("."))
          .map(async (e) => ({
            path: prefix ? `${safeArtifactPath(prefix)}/${e.name}` : e.name,
            isDir: e.isDirectory(),
            size: e.isDirectory() ? null : (await stat(path.join(dir, e.name))).size,
          })),
      );
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw err;
    }
  }

  async remove(key: string) {
    await rm(this.resolve(key), { recursive: true, force: true });
  }
}
