import { z } from "zod";
import { createDataset } from "@/server/services/datasets/create-dataset";
import { diffVersions } from "@/server/services/datasets/diff-versions";
import { getDataset } from "@/server/services/datasets/get-dataset";
import { getVersion } from "@/server/services/datasets/get-version";
import { listDatasets } from "@/server/services/datasets/list-datasets";
import { listVersions } from "@/server/services/datasets/list-versions";
import { markReady } from "@/server/services/datasets/mark-ready";
import {
  CreateDatasetInput,
  DatasetOut,
  DatasetRef,
  DiffInput,
  DiffOut,
  ProjectRef,
  UpdateDatasetInput,
  VersionOut,
  VersionRef,
  VersionSummaryOut,
} from "@/server/services/datasets/schemas";
import { updateDataset } from "@/server/services/datasets/update-dataset";
import { orgProcedure, router } from "../init";

const base = "/orgs/{org}/projects/{key}/datasets";
const tags = ["datasets"];

/** Uploads and downloads stream through route handlers (server/http/datasets), not tRPC. */
export const datasetsRouter = router({
  list: orgProcedure
    .meta({ openapi: { method: "GET", path: base, tags, summary: "List the datasets of a project" } })
    .input(ProjectRef)
    .output(z.array(DatasetOut))
    .query(({ ctx, input }) => listDatasets({ ctx: ctx.svc, input })),
  create: orgProcedure
    .meta({ openapi: { method: "POST", path: base, tags, summary: "Create a dataset (its licence or usage terms and whether it holds personal data)" } })
    .input(CreateDatasetInput)
    .output(DatasetOut)
    .mutation(({ ctx, input }) => createDataset({ ctx: ctx.svc, input })),
  get: orgProcedure
    .meta({ openapi: { method: "GET", path: `${base}/{name}`, tags, summary: "Get a dataset" } })
    .input(DatasetRef)
    .output(DatasetOut)
    .query(({ ctx, input }) => getDataset({ ctx: ctx.svc, input })),
  update: orgProcedure
    .meta({ openapi: { method: "PATCH", path: `${base}/{name}`, tags, summary: "Change a dataset's description, licence or personal-data flag" } })
    .input(UpdateDatasetInput)
    .output(DatasetOut)
    .mutation(({ ctx, input }) => updateDataset({ ctx: ctx.svc, input })),
  versions: orgProcedure
    .meta({ openapi: { method: "GET", path: `${base}/{name}/versions`, tags, summary: "List the versions of a dataset, newest first" } })
    .input(DatasetRef)
    .output(z.array(VersionSummaryOut))
    .query(({ ctx, input }) => listVersions({ ctx: ctx.svc, input })),
  version: orgProcedure
    .meta({ openapi: { method: "GET", path: `${base}/{name}/versions/{version}`, tags, summary: "Get a version with its schema and column statistics" } })
    .input(VersionRef)
    .output(VersionOut)
    .query(({ ctx, input }) => getVersion({ ctx: ctx.svc, input })),
  diff: orgProcedure
    .meta({ openapi: { method: "GET", path: `${base}/{name}/versions/{version}/diff`, tags, summary: "Schema and row-count changes against the previous (or a chosen) version" } })
    .input(DiffInput)
    .output(DiffOut)
    .query(({ ctx, input }) => diffVersions({ ctx: ctx.svc, input })),
  markReady: orgProcedure
    .meta({ openapi: { method: "POST", path: `${base}/{name}/versions/{version}/ready`, tags, summary: "Mark a version ready (data engineers and admins)" } })
    .input(VersionRef)
    .output(VersionOut)
    .mutation(({ ctx, input }) => markReady({ ctx: ctx.svc, input })),
});
