import { z } from "zod";
import { cancelJob } from "@/server/services/jobs/cancel-job";
import { CardJobsInput, listCardJobs } from "@/server/services/jobs/card-jobs";
import { createSweep, CreateSweepInput } from "@/server/services/jobs/create-sweep";
import { retryJob } from "@/server/services/jobs/retry-job";
import { createJob } from "@/server/services/jobs/create-job";
import { getJob, getJobLogs, listJobs } from "@/server/services/jobs/read-jobs";
import { CreateJobInput, JobLogsInput, JobLogsOut, JobOut, JobRef, ListJobsInput } from "@/server/services/jobs/schemas";
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
  createSweep: orgProcedure
    .meta({
      openapi: { method: "POST", path: "/orgs/{org}/jobs/sweeps", tags, summary: "Queue one job per combination of parameter values (at most 50), all or none" },
    })
    .input(CreateSweepInput)
    .output(z.array(JobOut))
    .mutation(({ ctx, input }) => createSweep({ ctx: ctx.svc, input })),
  retry: orgProcedure
    .meta({ openapi: { method: "POST", path: "/orgs/{org}/jobs/{id}/retry", tags, summary: "Queue a failed or cancelled job again as a new job" } })
    .input(JobRef)
    .output(JobOut)
    .mutation(({ ctx, input }) => retryJob({ ctx: ctx.svc, input })),
  forCard: orgProcedure
    .meta({ openapi: { method: "GET", path: "/orgs/{org}/cards/{cardKey}/jobs", tags, summary: "Jobs started from a card, newest first" } })
    .input(CardJobsInput)
    .output(z.array(JobOut))
    .query(({ ctx, input }) => listCardJobs({ ctx: ctx.svc, input })),
});
