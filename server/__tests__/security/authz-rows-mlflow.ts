import type { Action } from "@/server/auth/permissions";
import type { Op, Row, Target } from "./authz-harness";
import { mine, rand } from "./authz-rows-org";

/** A row served by the MLflow API (API token only); `route` is "METHOD path", `path` the URL path when it carries ids. */
export function mlflow(
  resource: string,
  op: Op,
  action: Action,
  route: string,
  body: (t: Target) => Record<string, unknown>,
  more: Partial<Row> & { path?: (t: Target) => string } = {},
): Row {
  const [method, routePath] = route.split(" ") as [string, string];
  const { path, ...rest } = more;
  return { resource, op, action, name: `mlflow ${route}`, call: (t) => ({ kind: "mlflow", method, path: path?.(t) ?? routePath, body: body(t) }), ...rest };
}

/** The MLflow routes beyond the main create/read/update/delete of each type: restore, tags, inputs and outputs, renames, logged models. */
export function moreMlflowRows(): Row[] {
  return [
    mlflow("experiments", "read", "run.read", "GET experiments/get-by-name", (t) => ({ experiment_name: t.res.experimentName }), {
      fresh: async (s) => {
        // experiments/update renames the experiment
        s.res.experimentName = (await s.mlflow("GET", "experiments/get", { experiment_id: s.res.experimentId })).body.experiment.name;
      },
    }),
    mlflow("experiments", "update", "experiment.write", "POST experiments/restore", (t) => ({ experiment_id: t.res.experimentToRestore }), {
      fresh: async (s) => {
        s.res.experimentToRestore = await s.make.experiment();
        await s.mlflow("POST", "experiments/delete", { experiment_id: s.res.experimentToRestore });
      },
    }),
    mlflow("runs", "update", "run.write", "POST runs/restore", (t) => ({ run_id: t.res.runToRestore }), {
      fresh: async (s) => {
        s.res.runToRestore = await s.make.run(s.res.experimentId);
        await s.mlflow("POST", "runs/delete", { run_id: s.res.runToRestore });
      },
    }),
    mlflow("runs", "delete", "run.write", "POST runs/delete-tag", (t) => ({ run_id: t.res.runId, key: "spare" }), {
      fresh: async (s) => {
        await s.mlflow("POST", "runs/set-tag", { run_id: s.res.runId, key: "spare", value: "1" });
      },
    }),
    mlflow("runs", "update", "run.write", "POST runs/log-inputs", (t) => ({
      run_id: t.res.runId,
      datasets: [{ dataset: { name: "d", digest: "abc", source_type: "local", source: "file.csv" } }],
    })),
    mlflow("runs", "update", "run.write", "POST runs/outputs", (t) => ({ run_id: t.res.runId, models: [{ model_id: t.res.loggedModelId }] })),

    mlflow("registered models", "update", "model.write", "POST registered-models/rename", (t) => ({ name: t.res.modelToDelete, new_name: `m-${rand()}` }), {
      fresh: async (s) => {
        s.res.modelToDelete = await s.make.model();
      },
    }),
    mlflow("registered models", "delete", "model.write", "DELETE registered-models/delete-tag", (t) => ({ name: t.res.modelName, key: "spare" }), {
      fresh: async (s) => {
        await s.mlflow("POST", "registered-models/set-tag", { name: s.res.modelName, key: "spare", value: "1" });
      },
    }),
    mlflow("model versions", "read", "model.read", "GET registered-models/get-latest-versions", (t) => ({ name: t.res.modelName })),
    mlflow("model versions", "read", "model.read", "POST registered-models/get-latest-versions", (t) => ({ name: t.res.modelName })),
    mlflow("model versions", "read", "model.read", "GET model-versions/search", () => ({})),
    mlflow("model versions", "read", "model.read", "GET model-versions/get-download-uri", (t) => ({ name: t.res.modelName, version: "1" })),
    mlflow("model versions", "update", "model.write", "POST model-versions/set-tag", (t) => ({ name: t.res.modelName, version: "1", key: "k", value: "v" })),
    mlflow("model versions", "delete", "model.write", "DELETE model-versions/delete-tag", (t) => ({ name: t.res.modelName, version: "1", key: "spare" }), {
      fresh: async (s) => {
        await s.mlflow("POST", "model-versions/set-tag", { name: s.res.modelName, version: "1", key: "spare", value: "1" });
      },
    }),

    mlflow("logged models", "create", "run.write", "POST logged-models", (t) => ({ experiment_id: t.res.experimentId, name: "lm" })),
    {
      ...mlflow("logged models", "read", "run.read", "POST logged-models/search", () => ({})),
      call: (t, me) => ({ kind: "mlflow", method: "POST", path: "logged-models/search", body: { experiment_ids: [mine(t, me).experimentId] } }),
    },
    mlflow("logged models", "read", "run.read", "GET logged-models/{id}", () => ({}), { path: (t) => `logged-models/${t.res.loggedModelId}` }),
    mlflow("logged models", "update", "run.write", "PATCH logged-models/{id}", () => ({ status: "LOGGED_MODEL_READY" }), {
      path: (t) => `logged-models/${t.res.loggedModelId}`,
    }),
    mlflow("logged models", "update", "run.write", "PATCH logged-models/{id}/tags", () => ({ tags: [{ key: "k", value: "v" }] }), {
      path: (t) => `logged-models/${t.res.loggedModelId}/tags`,
    }),
    mlflow("logged models", "delete", "run.write", "DELETE logged-models/{id}/tags/{key}", () => ({}), {
      path: (t) => `logged-models/${t.res.loggedModelId}/tags/spare`,
      fresh: async (s) => {
        await s.mlflow("PATCH", `logged-models/${s.res.loggedModelId}/tags`, { tags: [{ key: "spare", value: "1" }] });
      },
    }),
  ];
}
