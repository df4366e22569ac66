import type { Database } from "@/db/client";
import { handleDatasetDownload } from "@/server/http/datasets/download";
import { handleDatasetUpload } from "@/server/http/datasets/upload";
import { artifactsClient } from "@/server/http/mlflow/testing";
import type { ArtifactStore } from "@/server/storage/artifact-store";
import type { Action } from "@/server/auth/permissions";
import type { Call, Op, Row, Target } from "./authz-harness";
import { mlflow } from "./authz-rows-mlflow";
import type { User } from "./authz-seed";
import { mine, rand, trpc } from "./authz-rows-org";

type Auth = { user: User } | { token: string };
const session = (u: User) => async () => ({ user: { id: u.id, email: u.email, name: u.name }, expires: "2999-01-01" });

/** Datasets and versions (with the streamed upload and download), experiments, runs, metrics, artifacts, the model registry. */
export function mlRows(database: Database, store: ArtifactStore): Row[] {
  const deps = (auth: Auth) => ({ db: database.db, store, getSession: "user" in auth ? session(auth.user) : async () => null });
  // a session request comes from the browser, on a page of this server
  const headers = (auth: Auth, more: Record<string, string> = {}) =>
    "token" in auth ? { ...more, authorization: `Bearer ${auth.token}` } : { ...more, origin: "http://localhost" };
  const text = async (res: Response) => ({ status: res.status, text: await res.text() });
  const http = (name: string, resource: string, op: Op, action: Action, call: (t: Target) => Call): Row => ({ resource, op, action, name, call });
  const datasetUrl = (t: Target) => `http://localhost/api/v1/orgs/${t.slug}/projects/${t.key}/datasets/${t.res.datasetName}/versions`;
  const art = (t: Target, auth: Auth) => artifactsClient(database.db, t.slug, t.key, "token" in auth ? { token: auth.token } : null, store);
  const runRoot = (t: Target) => `${t.res.experimentId}/${t.res.runId}/artifacts`;

  return [
    trpc("datasets", "create", "dataset.write", "datasets.create", (t) => ({ key: t.key, name: `d-${rand()}`, licence: "CC0", containsPersonalData: false })),
    trpc("datasets", "read", "dataset.read", "datasets.list", (t) => ({ key: t.key })),
    trpc("datasets", "read", "dataset.read", "datasets.get", (t) => ({ key: t.key, name: t.res.datasetName })),
    trpc("datasets", "update", "dataset.write", "datasets.update", (t) => ({ key: t.key, name: t.res.datasetName, licence: "CC BY 4.0" })),
    trpc("dataset versions", "read", "dataset.read", "datasets.versions", (t) => ({ key: t.key, name: t.res.datasetName })),
    trpc("dataset versions", "read", "dataset.read", "datasets.version", (t) => ({ key: t.key, name: t.res.datasetName, version: 1 })),
    trpc("dataset versions", "read", "dataset.read", "datasets.diff", (t) => ({ key: t.key, name: t.res.datasetName, version: 1 })),
    trpc("dataset versions", "update", "dataset.mark_ready", "datasets.markReady", (t) => ({ key: t.key, name: t.res.datasetName, version: 1 })),
    http("POST …/datasets/{name}/versions (upload)", "dataset versions", "create", "dataset.write", (t) => ({
      kind: "http",
      label: datasetUrl(t),
      send: async (auth) => {
        const req = new Request(datasetUrl(t), { method: "POST", headers: headers(auth, { "content-type": "text/csv" }), body: `id,value\n1,${rand()}\n` });
        return text(await handleDatasetUpload(req, deps(auth), { org: t.slug, key: t.key, name: t.res.datasetName }));
      },
    })),
    http("GET …/versions/{version}/download", "dataset versions", "read", "dataset.read", (t) => ({
      kind: "http",
      label: `${datasetUrl(t)}/1/download`,
      send: async (auth) => {
        const req = new Request(`${datasetUrl(t)}/1/download`, { headers: headers(auth) });
        return text(await handleDatasetDownload(req, deps(auth), { org: t.slug, key: t.key, name: t.res.datasetName, version: "1" }));
      },
    })),

    mlflow("experiments", "create", "experiment.write", "POST experiments/create", () => ({ name: `e-${rand()}` })),
    mlflow("experiments", "read", "run.read", "GET experiments/get", (t) => ({ experiment_id: t.res.experimentId })),
    mlflow("experiments", "read", "run.read", "POST experiments/search", () => ({})),
    mlflow("experiments", "update", "experiment.write", "POST experiments/update", (t) => ({ experiment_id: t.res.experimentId, new_name: `e-${rand()}` })),
    mlflow("experiments", "update", "experiment.write", "POST experiments/set-experiment-tag", (t) => ({ experiment_id: t.res.experimentId, key: "k", value: "v" })),
    mlflow("experiments", "delete", "experiment.write", "POST experiments/delete", (t) => ({ experiment_id: t.res.experimentToDelete }), {
      fresh: async (s) => {
        s.res.experimentToDelete = await s.make.experiment();
      },
    }),
    trpc("experiments", "read", "run.read", "runs.experiments", (t) => ({ key: t.key })),

    mlflow("runs", "create", "run.write", "POST runs/create", (t) => ({ experiment_id: t.res.experimentId })),
    mlflow("runs", "read", "run.read", "GET runs/get", (t) => ({ run_id: t.res.runId })),
    mlflow("runs", "read", "run.read", "POST runs/search", () => ({})),
    mlflow("runs", "update", "run.write", "POST runs/update", (t) => ({ run_id: t.res.runId, run_name: `r-${rand()}` })),
    mlflow("runs", "update", "run.write", "POST runs/set-tag", (t) => ({ run_id: t.res.runId, key: "k", value: "v" })),
    mlflow("runs", "update", "run.write", "POST runs/log-parameter", (t) => ({ run_id: t.res.runId, key: `p${rand()}`, value: "1" })),
    mlflow("runs", "update", "run.write", "POST runs/log-batch", (t) => ({ run_id: t.res.runId, tags: [{ key: "b", value: "1" }] })),
    mlflow("runs", "delete", "run.write", "POST runs/delete", (t) => ({ run_id: t.res.runToDelete }), {
      fresh: async (s) => {
        s.res.runToDelete = await s.make.run(s.res.experimentId);
      },
    }),
    trpc("runs", "read", "run.read", "runs.list", (t) => ({ key: t.key })),
    trpc("runs", "read", "run.read", "runs.get", (t) => ({ key: t.key, runId: t.res.runId })),
    trpc("runs", "read", "run.read", "runs.linkState", (t) => ({ key: t.key })),

    mlflow("metrics", "create", "run.write", "POST runs/log-metric", (t) => ({ run_id: t.res.runId, key: "loss", value: 0.1, timestamp: Date.now(), step: 1 })),
    mlflow("metrics", "read", "run.read", "GET metrics/get-history", (t) => ({ run_id: t.res.runId, metric_key: "loss" })),
    trpc("metrics", "read", "run.read", "runs.metricSeries", (t) => ({ key: t.key, runIds: [t.res.runId], metricKey: "loss" })),

    http("PUT mlflow-artifacts/artifacts/{path}", "artifacts", "create", "run.write", (t) => ({
      kind: "http",
      tokenOnly: true,
      label: `PUT ${t.slug}/${t.key}/${runRoot(t)}`,
      send: async (auth) => {
        const res = await art(t, auth)("PUT", `${runRoot(t)}/f-${rand()}.txt`, "bytes");
        return { status: res.status, text: res.bytes.toString("utf8") };
      },
    })),
    http("GET mlflow-artifacts/artifacts/{path}", "artifacts", "read", "run.read", (t) => ({
      kind: "http",
      tokenOnly: true,
      label: `GET ${t.slug}/${t.key}/${runRoot(t)}`,
      send: async (auth) => {
        const res = await art(t, auth)("GET", `${runRoot(t)}/notes.txt`);
        return { status: res.status, text: res.bytes.toString("utf8") };
      },
    })),
    mlflow("artifacts", "read", "run.read", "GET artifacts/list", (t) => ({ run_id: t.res.runId })),
    trpc("artifacts", "read", "run.read", "runs.artifacts", (t) => ({ key: t.key, runId: t.res.runId })),

    mlflow("registered models", "create", "model.write", "POST registered-models/create", () => ({ name: `m-${rand()}` })),
    mlflow("registered models", "read", "model.read", "GET registered-models/get", (t) => ({ name: t.res.modelName })),
    mlflow("registered models", "read", "model.read", "GET registered-models/search", () => ({})),
    mlflow("registered models", "update", "model.write", "PATCH registered-models/update", (t) => ({ name: t.res.modelName, description: "d" })),
    mlflow("registered models", "update", "model.write", "POST registered-models/set-tag", (t) => ({ name: t.res.modelName, key: "k", value: "v" })),
    mlflow("registered models", "delete", "model.write", "DELETE registered-models/delete", (t) => ({ name: t.res.modelToDelete }), {
      fresh: async (s) => {
        s.res.modelToDelete = await s.make.model();
      },
    }),
    trpc("registered models", "read", "model.read", "models.list", (t) => ({ key: t.key })),
    trpc("registered models", "read", "model.read", "models.get", (t) => ({ key: t.key, name: t.res.modelName })),
    trpc("registered models", "read", "model.read", "models.lineage", (t) => ({ key: t.key, kind: "model_version", name: t.res.modelName, version: 1 })),
    trpc("registered models", "read", "model.read", "models.linkTargets", (t) => ({ key: t.key, kind: "model_version" })),
    trpc("registered models", "update", "model.write", "models.update", (t) => ({ key: t.key, name: t.res.modelName, description: "d" })),

    mlflow("model versions", "create", "model.write", "POST model-versions/create", (t) => ({ name: t.res.modelName, source: `runs:/${t.res.runId}/model`, run_id: t.res.runId })),
    {
      ...mlflow("model versions", "create", "model.write", "POST model-versions/create", () => ({})),
      name: "mlflow POST model-versions/create (own model from the target's run)",
      refusals: ["HTTP 400"], // resolveModelSource: any run outside the project is the same "invalid source"
      call: (t, me) => ({
        kind: "mlflow",
        method: "POST",
        path: "model-versions/create",
        body: { name: mine(t, me).modelName, source: `runs:/${t.res.runId}/model`, run_id: t.res.runId },
      }),
    },
    mlflow("model versions", "read", "model.read", "GET model-versions/get", (t) => ({ name: t.res.modelName, version: "1" })),
    mlflow("model versions", "update", "model.write", "PATCH model-versions/update", (t) => ({ name: t.res.modelName, version: "1", description: "d" })),
    mlflow("model versions", "update", "model.write", "POST model-versions/transition-stage", (t) => ({
      name: t.res.modelName,
      version: "1",
      stage: "Staging",
      archive_existing_versions: false,
    })),
    mlflow("model versions", "delete", "model.write", "DELETE model-versions/delete", (t) => ({ name: t.res.modelName, version: t.res.versionToDelete }), {
      fresh: async (s) => {
        s.res.versionToDelete = await s.make.version(s.res.modelName, s.res.runId);
      },
    }),
    trpc("model versions", "update", "model.write", "models.transitionStage", (t) => ({ key: t.key, name: t.res.modelName, version: 1, stage: "Staging" })),

    mlflow("model aliases", "update", "model.write", "POST registered-models/alias", (t) => ({ name: t.res.modelName, alias: "champion", version: "1" })),
    mlflow("model aliases", "read", "model.read", "GET registered-models/alias", (t) => ({ name: t.res.modelName, alias: "champion" })),
    mlflow("model aliases", "delete", "model.write", "DELETE registered-models/alias", (t) => ({ name: t.res.modelName, alias: "spare" }), {
      fresh: async (s) => {
        await s.mlflow("POST", "registered-models/alias", { name: s.res.modelName, alias: "spare", version: "1" });
      },
    }),
    trpc("model aliases", "update", "model.write", "models.setAlias", (t) => ({ key: t.key, name: t.res.modelName, version: 1, alias: "champion" })),
    trpc("model aliases", "delete", "model.write", "models.deleteAlias", (t) => ({ key: t.key, name: t.res.modelName, alias: "spare" }), {
      fresh: async (s) => {
        await s.mlflow("POST", "registered-models/alias", { name: s.res.modelName, alias: "spare", version: "1" });
      },
    }),
  ];
}
