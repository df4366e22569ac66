import { z } from "zod";
import { text } from "@/lib/text";
import { MODEL_STAGES } from "@/server/services/domain";
import { getLineage, GetLineageInput } from "@/server/services/lineage/get-lineage";
import { searchLinkTargets, SearchLinkTargetsInput } from "@/server/services/lineage/link-targets";
import { deleteRegisteredModelAlias, setRegisteredModelAlias, transitionModelVersionStage } from "@/server/services/registry/model-versions";
import { updateRegisteredModel } from "@/server/services/registry/registered-models";
import { getModel, GetModelInput, listModels, ListModelsInput } from "@/server/services/registry/ui";
import { ProjectKey } from "@/server/services/schemas";
import { projectScope } from "@/server/services/projects/project-scope";
import { orgProcedure, router } from "../init";

const ModelRef = z.object({ key: ProjectKey, name: text().min(1).max(256) });
const VersionRef = ModelRef.extend({ version: z.number().int().min(1) });

/**
 * The model registry for the UI; MLflow clients write through /mlflow/…/registered-models. The
 * mutations are thin: the registry verbs check model.write and record the history.
 */
export const modelsRouter = router({
  list: orgProcedure.input(ListModelsInput).query(({ ctx, input }) => listModels({ ctx: ctx.svc, input })),
  get: orgProcedure.input(GetModelInput).query(({ ctx, input }) => getModel({ ctx: ctx.svc, input })),
  lineage: orgProcedure.input(GetLineageInput).query(({ ctx, input }) => getLineage({ ctx: ctx.svc, input })),
  /** Dataset or model versions to link a card to, searched by name. */
  linkTargets: orgProcedure.input(SearchLinkTargetsInput).query(({ ctx, input }) => searchLinkTargets({ ctx: ctx.svc, input })),
  setAlias: orgProcedure
    .input(VersionRef.extend({ alias: text().trim().min(1).max(255) }))
    .mutation(async ({ ctx, input }) =>
      setRegisteredModelAlias({ ctx: await projectScope(ctx.svc, input.key, "model.read"), input: { name: input.name, version: String(input.version), alias: input.alias } }),
    ),
  deleteAlias: orgProcedure
    .input(ModelRef.extend({ alias: text().min(1).max(255) }))
    .mutation(async ({ ctx, input }) => deleteRegisteredModelAlias({ ctx: await projectScope(ctx.svc, input.key, "model.read"), input: { name: input.name, alias: input.alias } })),
  transitionStage: orgProcedure
    .input(VersionRef.extend({ stage: z.enum(MODEL_STAGES), archiveExisting: z.boolean().default(false) }))
    .mutation(async ({ ctx, input }) => {
      const { key, version, ...rest } = input;
      await transitionModelVersionStage({ ctx: await projectScope(ctx.svc, key, "model.read"), input: { ...rest, version: String(version) } });
    }),
  update: orgProcedure
    .input(ModelRef.extend({ description: text().max(5000) }))
    .mutation(async ({ ctx, input }) => {
      await updateRegisteredModel({ ctx: await projectScope(ctx.svc, input.key, "model.read"), input: { name: input.name, description: input.description } });
    }),
});
