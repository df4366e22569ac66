import { z } from "zod";
import { text } from "@/lib/text";
import { CARD_LINK_KINDS, RUN_STATUSES } from "@/server/services/domain";
import { ProjectKey } from "@/server/services/schemas";
import {
  createCardLink,
  CreateCardLinkInput,
  deleteCardLink,
  DeleteCardLinkInput,
  listCardLinks,
  ListCardLinksInput,
} from "@/server/services/tracking/card-links";
import { getRun } from "@/server/services/tracking/get-run";
import { projectScope } from "@/server/services/projects/project-scope";
import { getLinkState } from "@/server/services/tracking/link-state";
import { listArtifacts } from "@/server/services/tracking/list-artifacts";
import { listExperiments } from "@/server/services/tracking/list-experiments";
import { listRuns } from "@/server/services/tracking/list-runs";
import { metricSeries } from "@/server/services/tracking/metric-series";
import { runStream, type RunEvent } from "@/server/services/tracking/notify";
import { GetRunInput, ListArtifactsInput, ListExperimentsInput, ListRunsInput, MetricSeriesInput } from "@/server/services/tracking/schemas";
import { runIdHex } from "@/server/services/mlflow/internal";
import { orgProcedure, router } from "../init";
import { whileAllowed } from "../live-access";

const CardLinkOut = z.object({ id: z.uuid(), kind: z.enum(CARD_LINK_KINDS), target: z.string(), createdAt: z.date() });
const CardLinkDetailOut = CardLinkOut.extend({
  run: z.object({ name: z.string(), status: z.enum(RUN_STATUSES), projectKey: z.string(), experimentName: z.string() }).nullable(),
  datasetVersion: z.object({ id: z.uuid(), projectKey: z.string(), name: z.string(), version: z.number().int(), ready: z.boolean() }).nullable(),
  modelVersion: z
    .object({ id: z.uuid(), projectKey: z.string(), name: z.string(), version: z.number().int(), stage: z.string(), aliases: z.array(z.string()) })
    .nullable(),
});

const linksRouter = router({
  list: orgProcedure
    .meta({ openapi: { method: "GET", path: "/orgs/{org}/cards/{cardKey}/links", tags: ["cards"], summary: "Runs, dataset versions, model versions and commits linked to a card" } })
    .input(ListCardLinksInput)
    .output(z.array(CardLinkDetailOut))
    .query(({ ctx, input }) => listCardLinks({ ctx: ctx.svc, input })),
  create: orgProcedure
    .meta({ openapi: { method: "POST", path: "/orgs/{org}/cards/{cardKey}/links", tags: ["cards"], summary: "Link a card to a run (32-hex id), dataset version, model version or commit" } })
    .input(CreateCardLinkInput)
    .output(CardLinkOut)
    .mutation(({ ctx, input }) => createCardLink({ ctx: ctx.svc, input })),
  delete: orgProcedure
    .meta({ openapi: { method: "DELETE", path: "/orgs/{org}/cards/{cardKey}/links/{linkId}", tags: ["cards"], summary: "Remove a link from a card" } })
    .input(DeleteCardLinkInput)
    .output(z.object({ id: z.uuid(), deleted: z.literal(true) }))
    .mutation(({ ctx, input }) => deleteCardLink({ ctx: ctx.svc, input })),
});

/** Experiment tracking for the UI; scripts use the MLflow REST API, which writes the same tables. */
export const runsRouter = router({
  experiments: orgProcedure.input(ListExperimentsInput).query(({ ctx, input }) => listExperiments({ ctx: ctx.svc, input })),
  list: orgProcedure.input(ListRunsInput).query(({ ctx, input }) => listRuns({ ctx: ctx.svc, input })),
  get: orgProcedure.input(GetRunInput).query(({ ctx, input }) => getRun({ ctx: ctx.svc, input })),
  metricSeries: orgProcedure.input(MetricSeriesInput).query(({ ctx, input }) => metricSeries({ ctx: ctx.svc, input })),
  artifacts: orgProcedure.input(ListArtifactsInput).query(({ ctx, input }) => listArtifacts({ ctx: ctx.svc, input })),
  /** Live state of the runs linked to the project's cards, for the board's badges (kept out of board.get so the board stays fast). */
  linkState: orgProcedure.input(ListExperimentsInput).query(({ ctx, input }) => getLinkState({ ctx: ctx.svc, input })),
  links: linksRouter,
  /** Live run events of one project (server-sent events): which run changed and how; clients refetch. */
  events: orgProcedure
    .input(z.object({ key: ProjectKey, runIds: z.array(text()).max(50).optional() }))
    .subscription(async ({ ctx, input, signal }) => {
      // Checked before the stream starts, so "not found" is mapped (not INTERNAL_SERVER_ERROR), as in board.events.
      const p = await projectScope(ctx.svc, input.key, "run.read");
      const only = input.runIds?.length ? new Set(input.runIds.map((r) => r.replaceAll("-", "").toLowerCase())) : null;
      const { streamEvents } = await import("@/server/events");
      return (async function* () {
        for await (const e of whileAllowed(ctx, streamEvents<RunEvent>(runStream(p.project.id), signal))) {
          const runId = runIdHex(e.runId);
          if (!only || only.has(runId)) yield { runId, kind: e.kind };
        }
      })();
    }),
});
