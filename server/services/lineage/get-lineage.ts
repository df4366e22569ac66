import { z } from "zod";
import { text } from "@/lib/text";
import { and, eq, ilike, inArray, or, type SQL } from "drizzle-orm";
import { datasets, datasetVersions, experiments, modelAliases, modelVersions, registeredModels, runInputs, runs } from "@/db/schema";
import { assertCan } from "@/server/auth/permissions";
import type { OrgContext, ProjectContext } from "../context";
import { NotFoundError } from "../errors";
import { runIdHex } from "../mlflow/internal";
import { getModelRow, getVersionRow } from "../registry/internal";
import { ProjectKey } from "../schemas";
import { projectScope } from "../projects/project-scope";

export const GetLineageInput = z.object({
  key: ProjectKey,
  kind: z.enum(["model_version", "dataset_version"]),
  name: text().min(1).max(256),
  version: z.coerce.number().int().min(1).max(2_147_483_647), // an int4 column: larger would fail the query
});
export type GetLineageInput = z.infer<typeof GetLineageInput>;

export type LineageNodeKind = "dataset_version" | "input" | "run" | "model_version";
export interface LineageNode {
  id: string;
  kind: LineageNodeKind;
  label: string;
  detail: string;
  /** Where the node's page is; null for a run input that matches no dataset version of the project. */
  url: string | null;
  focus: boolean;
  status?: string;
  ready?: boolean;
  aliases?: string[];
}
export interface LineageEdge {
  source: string;
  target: string;
}

/** `…/datasets/<name>/versions/<n>` in a run input's source names a dataset version even without a matching digest. */
const SOURCE_RE = /datasets\/([^/?#"\s]+)\/versions\/(\d+)/;

type DsRow = { id: string; name: string; version: number; sha256: string; readyAt: Date | null };

/**
 * The lineage graph around a model version or a dataset version: dataset versions (run inputs
 * matched by digest = sha256 within the project, or by a source naming the version) → runs → the
 * model versions registered from those runs. Everything outside the caller's project is invisible.
 */
export async function getLineage({ ctx, input }: { ctx: OrgContext; input: GetLineageInput }) {
  assertCan(ctx.roles, "model.read");
  assertCan(ctx.roles, "dataset.read");
  const p = await projectScope(ctx, input.key, "run.read");
  const base = `/${ctx.org.slug}/${p.project.key}/pipeline`;
  const nodes = new Map<string, LineageNode>();
  const edges = new Map<string, LineageEdge>();
  const addEdge = (source: string, target: string) => edges.set(`${source}>${target}`, { source, target });
  const dsNode = (d: DsRow): string => {
    const id = `dataset_version:${d.id}`;
    if (!nodes.has(id)) {
      nodes.set(id, {
        id,
        kind: "dataset_version",
        label: `${d.name} v${d.version}`,
        detail: `sha256 ${d.sha256.slice(0, 10)}`,
        url: `${base}/datasets/${encodeURIComponent(d.name)}/versions/${d.version}`,
        focus: false,
        ready: d.readyAt !== null,
      });
    }
    return id;
  };

  let runIds: string[];
  if (input.kind === "model_version") {
    const model = await getModelRow(p.db, p.project.id, input.name);
    const mv = await getVersionRow(p.db, model, input.version);
    runIds = mv.runId ? [mv.runId] : [];
    if (!mv.runId) await addModelVersions(p, base, nodes, addEdge, [], [mv.id]);
  } else {
    const d = await datasetVersionOf(p, input.name, input.version);
    const focusId = dsNode(d);
    const used = await p.db
      .selectDistinct({ runId: runInputs.runId })
      .from(runInputs)
      .innerJoin(runs, eq(runs.id, runInputs.runId))
      .where(and(eq(runs.projectId, p.project.id), or(eq(runInputs.digest, d.sha256), ilike(runInputs.source, `%datasets/${escapeLike(d.name)}/versions/${d.version}%`))));
    runIds = used.map((u) => u.runId);
    nodes.get(focusId)!.focus = true;
  }
  await addRuns(p, base, nodes, addEdge, dsNode, runIds);
  await addModelVersions(p, base, nodes, addEdge, runIds, []);
  if (input.kind === "model_version") {
    for (const n of nodes.values()) if (n.kind === "model_version" && n.label === `${input.name} v${input.version}`) n.focus = true;
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}

function escapeLike(s: string) {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

async function datasetVersionOf(p: ProjectContext, name: string, version: number): Promise<DsRow> {
  const [row] = await p.db
    .select({ id: datasetVersions.id, name: datasets.name, version: datasetVersions.version, sha256: datasetVersions.sha256, readyAt: datasetVersions.readyAt })
    .from(datasetVersions)
    .innerJoin(datasets, eq(datasets.id, datasetVersions.datasetId))
    .where(and(eq(datasets.projectId, p.project.id), eq(datasets.name, name), eq(datasetVersions.version, version)))
    .limit(1);
  if (!row) throw new NotFoundError(`Dataset version ${name} v${version}`);
  return row;
}

async function addRuns(
  p: ProjectContext,
  base: string,
  nodes: Map<string, LineageNode>,
  addEdge: (s: string, t: string) => void,
  dsNode: (d: DsRow) => string,
  runIds: string[],
) {
  if (runIds.length === 0) return;
  const [runRows, inputs] = await Promise.all([
    p.db
      .select({ id: runs.id, name: runs.name, status: runs.status, experimentName: experiments.name })
      .from(runs)
      .innerJoin(experiments, eq(experiments.id, runs.experimentId))
      .where(and(eq(runs.projectId, p.project.id), inArray(runs.id, runIds))),
    p.db.select().from(runInputs).where(inArray(runInputs.runId, runIds)),
  ]);
  const bySource = inputs.flatMap((i) => {
    const m = SOURCE_RE.exec(i.source);
    return m ? [{ name: decodeURIComponent(m[1]!), version: Number(m[2]) }] : [];
  });
  const conds: SQL[] = [];
  const digests = [...new Set(inputs.map((i) => i.digest))];
  if (digests.length) conds.push(inArray(datasetVersions.sha256, digests));
  for (const s of bySource) conds.push(and(eq(datasets.name, s.name), eq(datasetVersions.version, s.version))!);
  const dsRows: DsRow[] = conds.length
    ? await p.db
        .select({ id: datasetVersions.id, name: datasets.name, version: datasetVersions.version, sha256: datasetVersions.sha256, readyAt: datasetVersions.readyAt })
        .from(datasetVersions)
        .innerJoin(datasets, eq(datasets.id, datasetVersions.datasetId))
        .where(and(eq(datasets.projectId, p.project.id), or(...conds)))
    : [];
  for (const r of runRows) {
    const id = `run:${r.id}`;
    nodes.set(id, { id, kind: "run", label: r.name, detail: r.experimentName, url: `${base}/runs/${runIdHex(r.id)}`, focus: false, status: r.status });
    for (const i of inputs.filter((x) => x.runId === r.id)) {
      const src = SOURCE_RE.exec(i.source);
      const matched = dsRows.filter(
        (d) => d.sha256 === i.digest || (src && d.name === decodeURIComponent(src[1]!) && d.version === Number(src[2])),
      );
      if (matched.length) for (const d of matched) addEdge(dsNode(d), id);
      else {
        const inputId = `input:${i.name}:${i.digest}`;
        if (!nodes.has(inputId)) nodes.set(inputId, { id: inputId, kind: "input", label: i.name, detail: `digest ${i.digest.slice(0, 10)}`, url: null, focus: false });
        addEdge(inputId, id);
      }
    }
  }
}

async function addModelVersions(
  p: ProjectContext,
  base: string,
  nodes: Map<string, LineageNode>,
  addEdge: (s: string, t: string) => void,
  runIds: string[],
  versionIds: string[],
) {
  const where = [runIds.length ? inArray(modelVersions.runId, runIds) : undefined, versionIds.length ? inArray(modelVersions.id, versionIds) : undefined].filter(Boolean) as SQL[];
  if (where.length === 0) return;
  const rows = await p.db
    .select({ id: modelVersions.id, version: modelVersions.version, stage: modelVersions.stage, runId: modelVersions.runId, name: registeredModels.name })
    .from(modelVersions)
    .innerJoin(registeredModels, eq(registeredModels.id, modelVersions.modelId))
    .where(and(eq(registeredModels.projectId, p.project.id), or(...where)));
  const aliases = rows.length ? await p.db.select().from(modelAliases).where(inArray(modelAliases.versionId, rows.map((r) => r.id))) : [];
  for (const m of rows) {
    const id = `model_version:${m.id}`;
    nodes.set(id, {
      id,
      kind: "model_version",
      label: `${m.name} v${m.version}`,
      detail: m.stage === "None" ? "no stage" : m.stage,
      url: `${base}/models/${encodeURIComponent(m.name)}#version-${m.version}`,
      focus: false,
      aliases: aliases.filter((a) => a.versionId === m.id).map((a) => a.alias).sort(),
    });
    if (m.runId && nodes.has(`run:${m.runId}`)) addEdge(`run:${m.runId}`, id);
  }
}
