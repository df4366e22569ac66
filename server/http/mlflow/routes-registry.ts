import type { z } from "zod";
import type { StoreContext } from "@/server/services/mlflow/artifacts";
import { listRunArtifacts } from "@/server/services/mlflow/artifacts";
import * as lm from "@/server/services/mlflow/logged-models";
import * as mv from "@/server/services/registry/model-versions";
import * as rm from "@/server/services/registry/registered-models";
import * as s from "./schemas";
import { fileInfoJson, loggedModelJson, modelVersionJson, page, pageJson, registeredModelJson, searchOptions } from "./serialize";

type Method = "GET" | "POST" | "PATCH" | "DELETE";
export interface MethodRoute<S extends z.ZodType> {
  schema: S;
  handle: (ctx: StoreContext, body: z.output<S>) => Promise<unknown>;
}
const r = <S extends z.ZodType>(x: MethodRoute<S>) => x as unknown as MethodRoute<z.ZodType>;
const kv = (list?: { key: string; value: string }[]) => list?.map(({ key, value }) => ({ key, value }));
const empty = async () => ({});

async function latestVersions(ctx: StoreContext, b: z.output<typeof s.GetLatestVersions>) {
  const versions = await rm.getLatestVersions({ ctx, input: b });
  return versions.length ? { model_versions: versions.map(modelVersionJson) } : {};
}

/** Registry, artifact listing and logged-model endpoints keyed by "METHOD path" (one path may serve several verbs). */
export const METHOD_ROUTES: Partial<Record<`${Method} ${string}`, MethodRoute<z.ZodType>>> = {
  "GET artifacts/list": r({
    schema: s.ListArtifacts,
    handle: async (ctx, b) => {
      const res = await listRunArtifacts({ ctx, input: { runId: s.runIdOf(b), path: b.path } });
      return { root_uri: res.rootUri, ...(res.files.length ? { files: res.files.map(fileInfoJson) } : {}) };
    },
  }),

  "POST registered-models/create": r({
    schema: s.CreateRegisteredModel,
    handle: async (ctx, b) => ({ registered_model: registeredModelJson(await rm.createRegisteredModel({ ctx, input: { name: b.name, description: b.description, tags: kv(b.tags) } })) }),
  }),
  "GET registered-models/get": r({
    schema: s.ModelRef,
    handle: async (ctx, b) => ({ registered_model: registeredModelJson(await rm.getRegisteredModel({ ctx, input: b })) }),
  }),
  "GET registered-models/search": r({
    schema: s.SearchRegistry,
    handle: async (ctx, b) => {
      const res = await rm.searchRegisteredModels({ ctx, input: searchOptions(b) });
      return pageJson("registered_models", res.models.map(registeredModelJson), res.nextPageToken);
    },
  }),
  "PATCH registered-models/update": r({
    schema: s.UpdateRegisteredModel,
    handle: async (ctx, b) => ({ registered_model: registeredModelJson(await rm.updateRegisteredModel({ ctx, input: b })) }),
  }),
  "POST registered-models/rename": r({
    schema: s.RenameRegisteredModel,
    handle: async (ctx, b) => ({ registered_model: registeredModelJson(await rm.renameRegisteredModel({ ctx, input: { name: b.name, newName: b.new_name } })) }),
  }),
  "DELETE registered-models/delete": r({ schema: s.ModelRef, handle: (ctx, b) => rm.deleteRegisteredModel({ ctx, input: b }).then(empty) }),
  "POST registered-models/set-tag": r({ schema: s.SetModelTag, handle: (ctx, b) => rm.setRegisteredModelTag({ ctx, input: b }).then(empty) }),
  "DELETE registered-models/delete-tag": r({ schema: s.DeleteModelTag, handle: (ctx, b) => rm.deleteRegisteredModelTag({ ctx, input: b }).then(empty) }),
  "POST registered-models/get-latest-versions": r({ schema: s.GetLatestVersions, handle: latestVersions }),
  "GET registered-models/get-latest-versions": r({ schema: s.GetLatestVersions, handle: latestVersions }),
  "POST registered-models/alias": r({ schema: s.SetAlias, handle: (ctx, b) => mv.setRegisteredModelAlias({ ctx, input: b }).then(empty) }),
  "DELETE registered-models/alias": r({ schema: s.AliasRef, handle: (ctx, b) => mv.deleteRegisteredModelAlias({ ctx, input: b }).then(empty) }),
  "GET registered-models/alias": r({
    schema: s.AliasRef,
    handle: async (ctx, b) => ({ model_version: modelVersionJson(await mv.getModelVersionByAlias({ ctx, input: b })) }),
  }),

  "POST model-versions/create": r({
    schema: s.CreateModelVersion,
    handle: async (ctx, b) => ({
      model_version: modelVersionJson(
        await mv.createModelVersion({ ctx, input: { name: b.name, source: b.source, runId: b.run_id || undefined, description: b.description, tags: kv(b.tags) } }),
      ),
    }),
  }),
  "GET model-versions/get": r({ schema: s.VersionRef, handle: async (ctx, b) => ({ model_version: modelVersionJson(await mv.getModelVersion({ ctx, input: b })) }) }),
  "GET model-versions/search": r({
    schema: s.SearchRegistry,
    handle: async (ctx, b) => {
      const res = await mv.searchModelVersions({ ctx, input: searchOptions(b) });
      return pageJson("model_versions", res.versions.map(modelVersionJson), res.nextPageToken);
    },
  }),
  "PATCH model-versions/update": r({
    schema: s.UpdateModelVersion,
    handle: async (ctx, b) => ({ model_version: modelVersionJson(await mv.updateModelVersion({ ctx, input: b })) }),
  }),
  "DELETE model-versions/delete": r({ schema: s.VersionRef, handle: (ctx, b) => mv.deleteModelVersion({ ctx, input: b }).then(empty) }),
  "GET model-versions/get-download-uri": r({
    schema: s.VersionRef,
    handle: async (ctx, b) => ({ artifact_uri: await mv.getModelVersionDownloadUri({ ctx, input: b }) }),
  }),
  "POST model-versions/set-tag": r({ schema: s.SetVersionTag, handle: (ctx, b) => mv.setModelVersionTag({ ctx, input: b }).then(empty) }),
  "DELETE model-versions/delete-tag": r({ schema: s.DeleteVersionTag, handle: (ctx, b) => mv.deleteModelVersionTag({ ctx, input: b }).then(empty) }),
  "POST model-versions/transition-stage": r({
    schema: s.TransitionStage,
    handle: async (ctx, b) => ({
      model_version: modelVersionJson(
        await mv.transitionModelVersionStage({ ctx, input: { name: b.name, version: b.version, stage: b.stage, archiveExisting: b.archive_existing_versions } }),
      ),
    }),
  }),

  "POST logged-models": r({
    schema: s.CreateLoggedModel,
    handle: async (ctx, b) => ({
      model: loggedModelJson(
        await lm.createLoggedModel({
          ctx,
          input: { experimentId: b.experiment_id, name: b.name, modelType: b.model_type, sourceRunId: b.source_run_id || undefined, params: kv(b.params), tags: kv(b.tags) },
        }),
      ),
    }),
  }),
  "POST logged-models/search": r({
    schema: s.SearchLoggedModels,
    handle: async (ctx, b) => {
      const orderBy = b.order_by?.map((o) => ({ fieldName: o.field_name, ascending: o.ascending }));
      const res = await lm.searchLoggedModels({ ctx, input: { ...searchOptions(b), experimentIds: b.experiment_ids ?? [], orderBy } });
      return { models: res.models.map(loggedModelJson), ...page(res.nextPageToken) };
    },
  }),
};

/** Logged-model endpoints with ids in the path; the captured parts join the request body. */
export const PATTERN_ROUTES: { method: Method; re: RegExp; keys: string[]; route: MethodRoute<z.ZodType> }[] = [
  {
    method: "GET",
    re: /^logged-models\/(m-[0-9a-f]{32})$/,
    keys: ["model_id"],
    route: r({ schema: s.LoggedModelRef, handle: async (ctx, b) => ({ model: loggedModelJson(await lm.getLoggedModel({ ctx, input: { modelId: b.model_id } })) }) }),
  },
  {
    method: "PATCH",
    re: /^logged-models\/(m-[0-9a-f]{32})$/,
    keys: ["model_id"],
    route: r({
      schema: s.FinalizeLoggedModel,
      handle: async (ctx, b) => ({ model: loggedModelJson(await lm.finalizeLoggedModel({ ctx, input: { modelId: b.model_id, status: b.status } })) }),
    }),
  },
  {
    method: "PATCH",
    re: /^logged-models\/(m-[0-9a-f]{32})\/tags$/,
    keys: ["model_id"],
    route: r({
      schema: s.SetLoggedModelTags,
      handle: async (ctx, b) => ({ model: loggedModelJson(await lm.setLoggedModelTags({ ctx, input: { modelId: b.model_id, tags: kv(b.tags)! } })) }),
    }),
  },
  {
    method: "DELETE",
    re: /^logged-models\/(m-[0-9a-f]{32})\/tags\/([^/]+)$/,
    keys: ["model_id", "tag_key"],
    route: r({ schema: s.DeleteLoggedModelTag, handle: (ctx, b) => lm.deleteLoggedModelTag({ ctx, input: { modelId: b.model_id, key: b.tag_key } }).then(empty) }),
  },
];
