import { getModel, GetModelInput, listModels, ListModelsInput } from "@/server/services/registry/ui";
import { orgProcedure, router } from "../init";

/** Read-only views of the model registry for the UI; MLflow clients write through /mlflow/…/registered-models. */
export const modelsRouter = router({
  list: orgProcedure.input(ListModelsInput).query(({ ctx, input }) => listModels({ ctx: ctx.svc, input })),
  get: orgProcedure.input(GetModelInput).query(({ ctx, input }) => getModel({ ctx: ctx.svc, input })),
});
