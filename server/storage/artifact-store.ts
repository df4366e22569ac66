import { createHash, randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { BadRequestError, ConflictError, NotFoundError } from "@/server/services/errors";

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

/** The store's own temporary folder at its root; never listed. */
const TMP_DIR = ".tmp";
const isErrno = (err: unknown, ...codes: string[]) => codes.includes((err as NodeJS.ErrnoException)?.code ?? "");

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

  /**
   * Streams `body` to `key`, hashing on the way; the file appears atomically when complete. A file
   * where a folder is, or a folder under a file, is a ConflictError (409) naming the path without
   * `base` (the caller's prefix, which the client does not see).
   */
  async put(key: string, body: Readable, { maxBytes = Infinity, base = "" }: { maxBytes?: number; base?: string } = {}): Promise<StoredObject> {
    const target = this.resolve(key);
    const shown = (k: string) => (k.startsWith(base) ? k.slice(base.length) : k);
    const overFolder = () => new ConflictError(`a folder already exists at ${shown(safeArtifactPath(key))}: cannot write a file over it`, { field: "path" });
    if ((await this.stat(key))?.isDirectory) throw overFolder();
    try {
      await mkdir(path.dirname(target), { recursive: true });
    } catch (err) {
      if (!isErrno(err, "ENOTDIR", "EEXIST")) throw err;
      const file = await this.fileAbove(key);
      throw new ConflictError(`a file already exists at ${shown(file ?? safeArtifactPath(key))}: cannot create a folder under it`, { field: "path" });
    }
    const tmpDir = path.join(this.root, TMP_DIR);
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
      if (isErrno(err, "EISDIR", "ENOTEMPTY", "EEXIST")) throw overFolder(); // a folder appeared there meanwhile
      throw err;
    }
    return { sha256: hash.digest("hex"), size };
  }

  async stat(key: string) {
    try {
      const s = await stat(this.resolve(key));
      return { size: s.size, isDirectory: s.isDirectory(), modifiedAt: s.mtime };
    } catch (err) {
      if (isErrno(err, "ENOENT", "ENOTDIR")) return null; // ENOTDIR: a file stands where a folder of the path would be
      throw err;
    }
  }

  /** The nearest proper ancestor of `key` that is a file, if any. */
  private async fileAbove(key: string): Promise<string | null> {
    const segments = safeArtifactPath(key).split("/");
    for (let i = 1; i < segments.length; i++) {
      const prefix = segments.slice(0, i).join("/");
      const s = await this.stat(prefix);
      if (!s) return null;
      if (!s.isDirectory) return prefix;
    }
    return null;
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
          .filter((e) => !(dir === this.root && e.name === TMP_DIR)) // dot-files are artifacts like any other
          .map(async (e) => ({
            path: prefix ? `${safeArtifactPath(prefix)}/${e.name}` : e.name,
            isDir: e.isDirectory(),
            size: e.isDirectory() ? null : (await stat(path.join(dir, e.name))).size,
          })),
      );
    } catch (err) {
      if (isErrno(err, "ENOENT", "ENOTDIR")) return [];
      throw err;
    }
  }

  async remove(key: string) {
    await rm(this.resolve(key), { recursive: true, force: true });
  }
}
