import { z } from "zod";
import { cancelJob } from "@/server/services/runner/cancel-job";
import { createJob } from "@/server/services/runner/create-job";
import { getJob, getJobLogs, listJobs } from "@/server/services/runner/read-jobs";
import { CreateJobInput, JobLogsInput, JobLogsOut, JobOut, JobRef, ListJobsInput } from "@/server/services/runner/schemas";
import { orgProcedure, router } from "../init";

const tags = ["jobs"];

export const jobsRouter = router({
  create: orgProcedure
    .meta({ openapi: { method: "POST", path: "/orgs/{org}/projects/{key}/jobs", tags, summary: "Queue a job; its MLflow run is created at once" } })
    .input(CreateJobInput)
    .output(JobOut)
    .mutation(({ ctx, input }) => createJob({ ctx: ctx.svc, input })),
  list: orgProcedure
    .meta({ openapi: { method: "GET", path: "/orgs/{org}/jobs", tags, summary: "Jobs of the organization, newest first" } })
    .input(ListJobsInput)
    .output(z.array(JobOut))
    .query(({ ctx, input }) => listJobs({ ctx: ctx.svc, input })),
  get: orgProcedure
    .meta({ openapi: { method: "GET", path: "/orgs/{org}/jobs/{id}", tags, summary: "A job: state, attempt, runner, run id, exit code and usage" } })
    .input(JobRef)
    .output(JobOut)
    .query(({ ctx, input }) => getJob({ ctx: ctx.svc, input })),
  logs: orgProcedure
    .meta({ openapi: { method: "GET", path: "/orgs/{org}/jobs/{id}/logs", tags, summary: "Log lines after a cursor (poll with the returned cursor)" } })
    .input(JobLogsInput)
    .output(JobLogsOut)
    .query(({ ctx, input }) => getJobLogs({ ctx: ctx.svc, input })),
  cancel: orgProcedure
    .meta({ openapi: { method: "POST", path: "/orgs/{org}/jobs/{id}/cancel", tags, summary: "Cancel a job; a running job's process group is killed" } })
    .input(JobRef)
    .output(JobOut)
    .mutation(({ ctx, input }) => cancelJob({ ctx: ctx.svc, input })),
});
