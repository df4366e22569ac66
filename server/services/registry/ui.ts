import { z } from "zod";
import { text } from "@/lib/text";
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { experiments, modelEvents, modelVersions, registeredModels, runs, users } from "@/db/schema";
import type { OrgContext, ProjectContext } from "../context";
import { runDataFor, runIdHex } from "../mlflow/internal";
import { ProjectKey, ProjectRef } from "../schemas";
import { projectScope } from "../projects/project-scope";
import { GIT_COMMIT_TAG } from "@/lib/run-tags";
import { getModelRow, modelData, versionData, type ModelVersionWithData } from "./internal";

export const ListModelsInput = ProjectRef;
export type ListModelsInput = z.infer<typeof ListModelsInput>;
export const GetModelInput = z.object({ key: ProjectKey, name: text().min(1).max(256) });
export type GetModelInput = z.infer<typeof GetModelInput>;

/** Each version with what the UI shows beside it: its run, experiment, metrics, dataset inputs and git commit. */
async function versionsForUi(ctx: ProjectContext, versions: ModelVersionWithData[]) {
  const runIds = [...new Set(versions.flatMap((v) => (v.runId ? [v.runId] : [])))];
  const [runRows, data] = await Promise.all([
    runIds.length
      ? ctx.db
          .select({ id: runs.id, name: runs.name, status: runs.status, experimentId: runs.experimentId, experimentName: experiments.name })
          .from(runs)
          .innerJoin(experiments, eq(experiments.id, runs.experimentId))
          .where(and(eq(runs.projectId, ctx.project.id), inArray(runs.id, runIds)))
      : [],
    runDataFor(ctx.db, runIds),
  ]);
  return versions.map((v) => {
    const run = runRows.find((r) => r.id === v.runId);
    const d = v.runId ? data.get(v.runId) : undefined;
    return {
      version: v.version,
      stage: v.stage,
      status: v.status,
      description: v.description,
      source: v.source,
      aliases: v.aliases,
      tags: v.tags,
      onnxIo: v.onnxIo,
      createdAt: v.creationTime,
      updatedAt: v.lastUpdatedTime,
      run: run
        ? {
            runId: runIdHex(run.id),
            name: run.name,
            status: run.status,
            experimentId: String(run.experimentId),
            experimentName: run.experimentName,
            metrics: d?.metrics ?? [],
            datasets: (d?.inputs ?? []).map((i) => ({ name: i.name, digest: i.digest, source: i.source, sourceType: i.sourceType })),
            gitCommit: d?.tags.find((t) => t.key === GIT_COMMIT_TAG)?.value ?? null,
          }
        : null,
    };
  });
}

/** The project's models, newest change first, each with its latest version per stage, aliases and their runs' metrics. */
export async function listModels({ ctx, input }: { ctx: OrgContext; input: ListModelsInput }) {
  const p = await projectScope(ctx, input.key, "model.read");
  const rows = await p.db.select().from(registeredModels).where(eq(registeredModels.projectId, p.project.id)).orderBy(desc(registeredModels.lastUpdatedTime), asc(registeredModels.name));
  const models = await modelData(p.db, rows);
  return Promise.all(
    models.map(async (m) => ({
      name: m.name,
      description: m.description,
      createdAt: m.creationTime,
      updatedAt: m.lastUpdatedTime,
      versionCount: m.lastVersion,
      tags: m.tags,
      aliases: m.aliases,
      latestVersions: await versionsForUi(p, m.latestVersions),
    })),
  );
}

/** One model with every version (newest first) and its history: alias moves, stage transitions, who and when. */
export async function getModel({ ctx, input }: { ctx: OrgContext; input: GetModelInput }) {
  const p = await projectScope(ctx, input.key, "model.read");
  const model = await getModelRow(p.db, p.project.id, input.name);
  const [[m], versionRows, events] = await Promise.all([
    modelData(p.db, [model]),
    p.db.select().from(modelVersions).where(eq(modelVersions.modelId, model.id)).orderBy(desc(modelVersions.version)),
    p.db
      .select({ e: modelEvents, actorName: users.name })
      .from(modelEvents)
      .leftJoin(users, eq(users.id, modelEvents.actorId))
      .where(eq(modelEvents.modelId, model.id))
      .orderBy(desc(modelEvents.at), desc(modelEvents.id)),
  ]);
  const versions = await versionData(p.db, versionRows, new Map([[model.id, model.name]]));
  return {
    name: model.name,
    description: model.description,
    createdAt: model.creationTime,
    updatedAt: model.lastUpdatedTime,
    tags: m!.tags,
    aliases: m!.aliases,
    versions: await versionsForUi(p, versions),
    history: events.map(({ e, actorName }) => ({
      kind: e.kind,
      version: e.version,
      alias: e.alias,
      fromVersion: e.fromVersion,
      toVersion: e.toVersion,
      fromStage: e.fromStage,
      toStage: e.toStage,
      detail: e.detail,
      actor: actorName,
      at: e.at,
    })),
  };
}
