import type { z } from "zod";
import type { ProjectContext } from "@/server/services/context";
import * as exps from "@/server/services/mlflow/experiments";
import * as logging from "@/server/services/mlflow/logging";
import * as loggedModels from "@/server/services/mlflow/logged-models";
import { getMetricHistoryJson } from "@/server/services/mlflow/metric-history";
import * as runs from "@/server/services/mlflow/runs";
import { searchRuns } from "@/server/services/mlflow/search-runs";
import { METHOD_ROUTES, PATTERN_ROUTES, type MethodRoute } from "./routes-registry";
import * as s from "./schemas";
import { experimentJson, pageJson, RawJson, runInfoJson, runJson, searchOptions } from "./serialize";

interface Route<S extends z.ZodType> {
  methods: readonly ("GET" | "POST" | "PATCH" | "DELETE")[];
  schema: S;
  handle: (ctx: ProjectContext, body: z.output<S>) => Promise<unknown>;
}
const route = <S extends z.ZodType>(r: Route<S>) => r as unknown as Route<z.ZodType>;
const GET = ["GET"] as const;
const POST = ["POST"] as const;
const kv = (list?: { key: string; value: string }[]) => list?.map(({ key, value }) => ({ key, value }));
const empty = async () => ({});

/** MLflow REST 2.0 endpoints, keyed by the path after /api/2.0/mlflow/. */
export const ROUTES: Record<string, Route<z.ZodType>> = {
  "experiments/create": route({
    methods: POST,
    schema: s.CreateExperiment,
    handle: async (ctx, b) => ({ experiment_id: String((await exps.createExperiment({ ctx, input: { name: b.name, tags: kv(b.tags) } })).id) }),
  }),
  "experiments/get": route({
    methods: GET,
    schema: s.ExperimentRef,
    handle: async (ctx, b) => ({ experiment: experimentJson(await exps.getExperiment({ ctx, input: { experimentId: b.experiment_id } })) }),
  }),
  "experiments/get-by-name": route({
    methods: GET,
    schema: s.GetExperimentByName,
    handle: async (ctx, b) => ({ experiment: experimentJson(await exps.getExperimentByName({ ctx, input: { name: b.experiment_name } })) }),
  }),
  "experiments/search": route({
    methods: ["GET", "POST"],
    schema: s.SearchExperiments,
    handle: async (ctx, b) => {
      const res = await exps.searchExperiments({ ctx, input: { ...searchOptions(b), viewType: b.view_type } });
      return pageJson("experiments", res.experiments.map(experimentJson), res.nextPageToken);
    },
  }),
  "experiments/update": route({
    methods: POST,
    schema: s.UpdateExperiment,
    handle: (ctx, b) => exps.updateExperiment({ ctx, input: { experimentId: b.experiment_id, newName: b.new_name } }).then(empty),
  }),
  "experiments/delete": route({
    methods: POST,
    schema: s.ExperimentRef,
    handle: (ctx, b) => exps.deleteExperiment({ ctx, input: { experimentId: b.experiment_id } }).then(empty),
  }),
  "experiments/restore": route({
    methods: POST,
    schema: s.ExperimentRef,
    handle: (ctx, b) => exps.restoreExperiment({ ctx, input: { experimentId: b.experiment_id } }).then(empty),
  }),
  "experiments/set-experiment-tag": route({
    methods: POST,
    schema: s.SetExperimentTag,
    handle: (ctx, b) => exps.setExperimentTag({ ctx, input: { experimentId: b.experiment_id, key: b.key, value: b.value } }).then(empty),
  }),
  "runs/create": route({
    methods: POST,
    schema: s.CreateRun,
    handle: async (ctx, b) => ({
      run: runJson(
        await runs.createRun({
          ctx,
          input: { experimentId: b.experiment_id ?? "0", userId: b.user_id, runName: b.run_name, startTime: b.start_time, tags: kv(b.tags) },
        }),
      ),
    }),
  }),
  "runs/get": route({
    methods: GET,
    schema: s.RunRefBody,
    handle: async (ctx, b) => ({ run: runJson(await runs.getRun({ ctx, input: { runId: s.runIdOf(b) } })) }),
  }),
  "runs/update": route({
    methods: POST,
    schema: s.UpdateRun,
    handle: async (ctx, b) => ({
      run_info: runInfoJson(
        await runs.updateRun({ ctx, input: { runId: s.runIdOf(b), status: b.status, endTime: b.end_time, runName: b.run_name } }),
      ),
    }),
  }),
  "runs/delete": route({ methods: POST, schema: s.RunRefBody, handle: (ctx, b) => runs.deleteRun({ ctx, input: { runId: s.runIdOf(b) } }).then(empty) }),
  "runs/restore": route({ methods: POST, schema: s.RunRefBody, handle: (ctx, b) => runs.restoreRun({ ctx, input: { runId: s.runIdOf(b) } }).then(empty) }),
  "runs/search": route({
    methods: POST,
    schema: s.SearchRuns,
    handle: async (ctx, b) => {
      const res = await searchRuns({ ctx, input: { ...searchOptions(b), experimentIds: b.experiment_ids ?? [], runViewType: b.run_view_type } });
      return pageJson("runs", res.runs.map(runJson), res.nextPageToken);
    },
  }),
  "runs/log-metric": route({
    methods: POST,
    schema: s.LogMetric,
    handle: (ctx, b) =>
      logging.logMetric({ ctx, input: { runId: s.runIdOf(b), key: b.key, value: b.value, timestamp: b.timestamp, step: b.step } }).then(empty),
  }),
  "runs/log-parameter": route({
    methods: POST,
    schema: s.LogParam,
    handle: (ctx, b) => logging.logParam({ ctx, input: { runId: s.runIdOf(b), key: b.key, value: b.value } }).then(empty),
  }),
  "runs/log-batch": route({
    methods: POST,
    schema: s.LogBatch,
    handle: (ctx, b) =>
      logging.logBatch({ ctx, input: { runId: b.run_id, metrics: b.metrics, params: kv(b.params), tags: kv(b.tags) } }).then(empty),
  }),
  "runs/set-tag": route({
    methods: POST,
    schema: s.SetTag,
    handle: (ctx, b) => logging.setTag({ ctx, input: { runId: s.runIdOf(b), key: b.key, value: b.value } }).then(empty),
  }),
  "runs/delete-tag": route({
    methods: POST,
    schema: s.DeleteTag,
    handle: (ctx, b) => logging.deleteTag({ ctx, input: { runId: b.run_id, key: b.key } }).then(empty),
  }),
  "runs/log-inputs": route({
    methods: POST,
    schema: s.LogInputs,
    handle: (ctx, b) =>
      logging
        .logInputs({
          ctx,
          input: {
            runId: b.run_id,
            datasets: (b.datasets ?? []).map((d) => ({
              tags: kv(d.tags),
              dataset: { ...d.dataset, sourceType: d.dataset.source_type },
            })),
          },
        })
        .then(empty),
  }),
  "runs/outputs": route({
    methods: POST,
    schema: s.LogOutputs,
    handle: (ctx, b) =>
      loggedModels.logOutputs({ ctx, input: { runId: s.runIdOf(b), models: b.models.map((m) => ({ modelId: m.model_id, step: m.step ?? 0 })) } }).then(empty),
  }),
  "metrics/get-history": route({
    methods: GET,
    schema: s.GetMetricHistory,
    handle: async (ctx, b) => {
      const res = await getMetricHistoryJson({
        ctx,
        input: { runId: s.runIdOf(b), metricKey: b.metric_key, maxResults: b.max_results, pageToken: b.page_token },
      });
      // The points arrive as JSON text from the database; spliced in, never parsed and re-serialised.
      const token = res.nextPageToken ? `,"next_page_token":${JSON.stringify(res.nextPageToken)}` : "";
      return new RawJson(`{"metrics":${res.metricsJson}${token}}`);
    },
  }),
};

/** The route for a path and method: exact paths first, then registry verbs, then paths with ids in them. */
export function matchRoute(path: string, method: string): { route: MethodRoute<z.ZodType>; params: Record<string, string> } | null {
  const exact = ROUTES[path];
  if (exact && (exact.methods as readonly string[]).includes(method)) return { route: exact, params: {} };
  const byMethod = METHOD_ROUTES[`${method as "GET"} ${path}`];
  if (byMethod) return { route: byMethod, params: {} };
  for (const p of PATTERN_ROUTES) {
    const m = p.method === method ? p.re.exec(path) : null;
    if (m) return { route: p.route, params: Object.fromEntries(p.keys.map((k, i) => [k, m[i + 1]!])) };
  }
  return null;
}
