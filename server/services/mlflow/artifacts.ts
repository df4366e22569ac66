import type { Readable } from "node:stream";
import { and, eq } from "drizzle-orm";
import { loggedModels, runs } from "@/db/schema";
import { assertCan } from "@/server/auth/permissions";
import { safeArtifactPath, type ArtifactStore } from "@/server/storage/artifact-store";
import { BadRequestError, NotFoundError } from "../errors";
import type { ProjectContext } from "../context";
import { getRunRow, parseRunId } from "./internal";

/** A project context that can reach the artifact store. */
export type StoreContext = ProjectContext & { store: ArtifactStore };

export const MAX_ARTIFACT_BYTES = 5 * 1024 ** 3;
const PROXY_SCHEME = "mlflow-artifacts:/";

/** Every project's artifacts live under their own prefix, so no proxied path can name another project's files. */
export const storeKey = (projectId: string, proxiedPath: string) => `projects/${projectId}/${proxiedPath}`;

/** `mlflow-artifacts:/1/<run>/artifacts` → `1/<run>/artifacts`; other schemes name nothing we store. */
export function proxiedPathOfUri(uri: string): string | null {
  if (!uri.startsWith(PROXY_SCHEME)) return null;
  return uri.slice(PROXY_SCHEME.length).replace(/^\/+/, "");
}

export interface OwnedPath {
  /** The normalised proxied path: `<exp>/<run>/artifacts/a/b.txt`. */
  path: string;
  /** The owner's artifact root: `<exp>/<run>/artifacts` or `<exp>/models/<model_id>/artifacts`. */
  root: string;
  /** The part below the root ("" for the root itself). */
  rel: string;
  owner: { kind: "run"; runId: string } | { kind: "logged_model"; modelId: string };
}

/**
 * Checks a proxied artifact path (400 for anything unsafe) and that it lies inside the artifact
 * folder of a run or logged model of this project (404 otherwise: other projects stay invisible).
 */
export async function ownedArtifactPath(ctx: ProjectContext, raw: string): Promise<OwnedPath> {
  const path = safeArtifactPath(raw);
  const segs = path.split("/");
  const notFound = () => new NotFoundError("Artifact", `No run or logged model of this project owns the artifact path '${path}'`);
  const expId = /^\d{1,15}$/.test(segs[0] ?? "") ? Number(segs[0]) : null;
  if (expId === null) throw notFound();
  if (segs[1] === "models" && segs[3] === "artifacts") {
    const [m] = await ctx.db
      .select({ id: loggedModels.id })
      .from(loggedModels)
      .where(and(eq(loggedModels.projectId, ctx.project.id), eq(loggedModels.id, segs[2]!), eq(loggedModels.experimentId, expId)))
      .limit(1);
    if (!m) throw notFound();
    return { path, root: segs.slice(0, 4).join("/"), rel: segs.slice(4).join("/"), owner: { kind: "logged_model", modelId: m.id } };
  }
  const runId = parseRunId(segs[1] ?? "");
  if (!runId || segs[1] !== segs[1]!.toLowerCase() || segs[1]!.length !== 32 || segs[2] !== "artifacts") throw notFound();
  const [run] = await ctx.db
    .select({ id: runs.id })
    .from(runs)
    .where(and(eq(runs.projectId, ctx.project.id), eq(runs.id, runId), eq(runs.experimentId, expId)))
    .limit(1);
  if (!run) throw notFound();
  return { path, root: segs.slice(0, 3).join("/"), rel: segs.slice(3).join("/"), owner: { kind: "run", runId: run.id } };
}

export async function uploadArtifact({ ctx, input }: { ctx: StoreContext; input: { path: string; body: Readable } }) {
  assertCan(ctx.roles, "run.write");
  const owned = await ownedArtifactPath(ctx, input.path);
  if (!owned.rel) throw new BadRequestError("name a file inside the artifact folder", { field: "path" });
  return ctx.store.put(storeKey(ctx.project.id, owned.path), input.body, { maxBytes: MAX_ARTIFACT_BYTES, base: storeKey(ctx.project.id, "") });
}

export async function downloadArtifact({ ctx, input }: { ctx: StoreContext; input: { path: string } }) {
  assertCan(ctx.roles, "run.read");
  const owned = await ownedArtifactPath(ctx, input.path);
  const file = await ctx.store.read(storeKey(ctx.project.id, owned.path));
  return { ...file, name: owned.path.split("/").pop()! };
}

export interface ArtifactFile {
  path: string;
  isDir: boolean;
  size: number | null;
}

/** Direct children of a folder in the store, sorted; a file or a missing folder has none. */
async function children(ctx: StoreContext, proxied: string) {
  const key = storeKey(ctx.project.id, proxied);
  const s = await ctx.store.stat(key);
  if (!s?.isDirectory) return [];
  const entries = await ctx.store.list(key);
  return entries
    .map((e) => ({ name: e.path.slice(e.path.lastIndexOf("/") + 1), isDir: e.isDir, size: e.size }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** mlflow-artifacts list: the children of a folder by base name, as MLflow's proxy answers. */
export async function listProxiedArtifacts({ ctx, input }: { ctx: StoreContext; input: { path?: string } }): Promise<ArtifactFile[]> {
  assertCan(ctx.roles, "run.read");
  if (!input.path) throw new NotFoundError("Artifact", "List a run's artifacts with path=<experiment>/<run>/artifacts");
  const owned = await ownedArtifactPath(ctx, input.path);
  return (await children(ctx, owned.path)).map((c) => ({ path: c.name, isDir: c.isDir, size: c.size }));
}

/** A run's artifacts below `path`, with paths relative to the run's artifact root. */
export async function listRunArtifacts({ ctx, input }: { ctx: StoreContext; input: { runId: string; path?: string } }) {
  assertCan(ctx.roles, "run.read");
  const run = await getRunRow(ctx.db, ctx.project.id, input.runId);
  const root = proxiedPathOfUri(run.artifactUri);
  if (!root) return { rootUri: run.artifactUri, files: [] as ArtifactFile[] };
  const rel = input.path ? safeArtifactPath(input.path) : "";
  const files = (await children(ctx, rel ? `${root}/${rel}` : root)).map((c) => ({
    path: rel ? `${rel}/${c.name}` : c.name,
    isDir: c.isDir,
    size: c.size,
  }));
  return { rootUri: run.artifactUri, files };
}
