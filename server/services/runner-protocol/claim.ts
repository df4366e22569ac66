import { sql } from "drizzle-orm";
import { rowsOf } from "@/db/rows";
import { generateToken } from "@/server/auth/tokens";
import type { ClaimRequest, ClaimResponse } from "@/runner/protocol";
import { ClaimRequest as ClaimRequestSchema, JobSpec } from "@/runner/protocol";
import { runEventSql } from "../tracking/notify";
import { RUNNER_TAG } from "@/lib/run-tags";
import { runIdHex } from "../mlflow/internal";
import { DEFAULT_TIMINGS, sleep, type RunnerTimings } from "./config";
import { RUN_STATUS_FOR, touchRunner, type RunnerContext } from "./internal";
import { reapJobs } from "./reaper";
import { jobWaiter, listenForJobsFromOtherProcesses } from "./wake";

/**
 * Gives the runner the oldest queued job it can satisfy (GPUs free, labels held) under a new lease,
 * or answers idle after waiting up to `waitMs`. Each try is one statement (tryClaim): FOR UPDATE
 * SKIP LOCKED makes concurrent claims take different jobs on PostgreSQL; PGlite runs one statement
 * at a time.
 */
export async function claimJob({ ctx, input, opts = {} }: { ctx: RunnerContext; input: ClaimRequest; opts?: Partial<RunnerTimings> }): Promise<ClaimResponse> {
  const t = { ...DEFAULT_TIMINGS, ...opts };
  const req = ClaimRequestSchema.parse(input);
  const deadline = Date.now() + req.waitMs;
  if (ctx.runner.status === "draining") {
    await touchRunner(ctx.db, ctx.runner.id, req.resources);
    return { kind: "idle", retryAfterMs: t.heartbeatMs, draining: true };
  }
  if (req.waitMs > 0) listenForJobsFromOtherProcesses();
  for (;;) {
    // Subscribed before looking, so a job queued meanwhile wakes this claim at once; pollMs is the fallback.
    const waiter = jobWaiter(ctx.runner.orgId);
    try {
      await reapAtMostEverySecond(ctx, t);
      const job = await tryClaim(ctx, req, t);
      if (job) return { kind: "run", job };
      const left = deadline - Date.now();
      if (left <= 0) return { kind: "idle", retryAfterMs: t.pollMs, draining: false };
      await Promise.race([waiter.woken, sleep(Math.min(left, t.pollMs))]);
    } finally {
      waiter.cancel();
    }
  }
}

const lastReap = new WeakMap<object, number>();

/**
 * Claims return expired jobs to the queue first, but at most once a second per database: under
 * many concurrent claims a reap each time would cost more than the claims (the timer reaps too).
 */
async function reapAtMostEverySecond(ctx: RunnerContext, t: RunnerTimings) {
  const key = ctx.db as object;
  const now = Date.now();
  if (now - (lastReap.get(key) ?? 0) < 1000) return;
  lastReap.set(key, now);
  await reapJobs({ db: ctx.db, opts: t });
}

/**
 * One statement records the runner as seen, claims the oldest job it can satisfy and mirrors the
 * claim on the job's MLflow run (status RUNNING, tag runboard.runner, a live run event), so a claim
 * is atomic without a transaction and costs one round trip and one commit. The other job
 * transitions go through syncRunStatus, which this matches.
 */
async function tryClaim(ctx: RunnerContext, req: ClaimRequest, t: RunnerTimings) {
  const tracking = generateToken("rbj_");
  const { runner } = ctx;
  const resources = req.resources ? JSON.stringify(req.resources) : null;
  const result = await ctx.db.execute(sql`
    with seen as (
      update runners set last_seen_at = now(), resources = coalesce(${resources}::jsonb, resources) where id = ${runner.id}
    ), picked as (
      select id from jobs
      where org_id = ${runner.orgId} and state = 'queued' and not cancel_requested
        and gpus <= ${req.freeGpus} and labels <@ ${sql.param(runner.labels)}::text[]
      order by queued_at, id
      limit 1
      for update skip locked
    ), claimed as (
      update jobs set state = 'running', runner_id = ${runner.id}, lease_id = gen_random_uuid(),
        lease_expires_at = now() + make_interval(secs => ${t.leaseTtlMs / 1000}::double precision),
        tracking_token_hash = ${tracking.hash}, started_at = now()
      from picked where jobs.id = picked.id
      returning jobs.id, jobs.attempt, jobs.spec, jobs.gpus, jobs.timeout_seconds, jobs.lease_id, jobs.run_id, jobs.project_id
    ), run as (
      update runs set status = ${RUN_STATUS_FOR.running} from claimed where runs.id = claimed.run_id
      returning runs.id, runs.experiment_id
    ), tag as (
      insert into run_tags (run_id, key, value) select id, ${RUNNER_TAG}, ${runner.name} from run
      on conflict (run_id, key) do update set value = excluded.value
    )
    select claimed.*, run.experiment_id, projects.key as project_key, organizations.slug as org_slug,
      ${runEventSql({ projectId: sql`claimed.project_id`, runId: sql`claimed.run_id`, kind: "status" })}
    from claimed
    join run on run.id = claimed.run_id
    join projects on projects.id = claimed.project_id
    join organizations on organizations.id = projects.org_id`);
  const [row] = rowsOf<ClaimedRow>(result);
  if (!row) return null;
  return {
    id: row.id,
    attempt: row.attempt,
    spec: JobSpec.parse(row.spec),
    gpus: row.gpus,
    timeoutSeconds: row.timeout_seconds,
    leaseId: row.lease_id,
    leaseTtlMs: t.leaseTtlMs,
    heartbeatMs: t.heartbeatMs,
    run: { id: runIdHex(row.run_id), experimentId: String(row.experiment_id) },
    trackingPath: `/mlflow/${row.org_slug}/${row.project_key}`,
    trackingToken: tracking.token,
  };
}

interface ClaimedRow {
  id: string;
  attempt: number;
  spec: unknown;
  gpus: number;
  timeout_seconds: number;
  lease_id: string;
  run_id: string;
  project_id: string;
  experiment_id: number | string;
  project_key: string;
  org_slug: string;
}
