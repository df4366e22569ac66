import { sql } from "drizzle-orm";
import { bigint, boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { JobSpec, Resources, Usage } from "@/runner/protocol";
import { organizations, users } from "./access";
import { cards } from "./agile";
import { runs } from "./pipeline";
import { projectOwnedColumns } from "./projects";

export const RUNNER_STATUSES = ["active", "draining"] as const;
export type RunnerStatus = (typeof RUNNER_STATUSES)[number];
export const JOB_STATES = ["queued", "running", "succeeded", "failed", "cancelled"] as const;
export type JobState = (typeof JOB_STATES)[number];

const ts = () => timestamp({ withTimezone: true });

/** An agent attached to an organization; it authenticates with its own `rbn_` token (stored hashed). */
export const runners = pgTable(
  "runners",
  {
    id: uuid().primaryKey().defaultRandom(),
    orgId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    name: text().notNull(),
    labels: text().array().notNull().default(sql`'{}'::text[]`),
    resources: jsonb().$type<Resources>().notNull(),
    tokenHash: text().notNull(),
    status: text().$type<RunnerStatus>().notNull().default("active"),
    version: text(),
    lastSeenAt: ts().notNull().defaultNow(),
    createdAt: ts().notNull().defaultNow(),
  },
  (t) => [uniqueIndex("runners_token_hash_idx").on(t.tokenHash), index("runners_org_id_idx").on(t.orgId)],
);

/**
 * A unit of work for a runner. `leaseId` fences runner writes: each claim gets a new one, and
 * writes under any other (or an expired) lease are refused. The per-job MLflow token is valid
 * only while the lease it was issued with is live.
 */
export const jobs = pgTable(
  "jobs",
  {
    ...projectOwnedColumns(),
    cardId: uuid().references(() => cards.id, { onDelete: "set null" }),
    runId: uuid()
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    kind: text().$type<JobSpec["kind"]>().notNull(),
    spec: jsonb().$type<JobSpec>().notNull(),
    gpus: integer().notNull().default(0),
    labels: text().array().notNull().default(sql`'{}'::text[]`),
    state: text().$type<JobState>().notNull().default("queued"),
    attempt: integer().notNull().default(1),
    maxAttempts: integer().notNull().default(3),
    timeoutSeconds: integer().notNull(),
    runnerId: uuid().references(() => runners.id, { onDelete: "set null" }),
    leaseId: uuid(),
    leaseExpiresAt: ts(),
    trackingTokenHash: text(),
    cancelRequested: boolean().notNull().default(false),
    exitCode: integer(),
    failureReason: text(),
    usage: jsonb().$type<Usage>(),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    queuedAt: ts().notNull().defaultNow(),
    startedAt: ts(),
    finishedAt: ts(),
  },
  (t) => [
    index("jobs_org_id_state_queued_at_idx").on(t.orgId, t.state, t.queuedAt),
    // The claim's order: the oldest queued job comes first without sorting the whole queue.
    index("jobs_queue_idx").on(t.orgId, t.queuedAt, t.id).where(sql`state = 'queued'`),
    index("jobs_project_id_idx").on(t.projectId),
    index("jobs_card_id_idx").on(t.cardId),
    index("jobs_run_id_idx").on(t.runId),
    index("jobs_runner_id_idx").on(t.runnerId),
    index("jobs_created_by_idx").on(t.createdBy),
    index("jobs_state_lease_expires_at_idx").on(t.state, t.leaseExpiresAt),
    uniqueIndex("jobs_tracking_token_hash_idx").on(t.trackingTokenHash),
  ],
);

/** Numbered output chunks; (job, attempt, seq) is unique, so a chunk sent twice is stored once. */
export const jobLogs = pgTable(
  "job_logs",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    jobId: uuid()
      .notNull()
      .references(() => jobs.id, { onDelete: "cascade" }),
    attempt: integer().notNull(),
    seq: integer().notNull(),
    stream: text().$type<"stdout" | "stderr" | "system">().notNull(),
    text: text().notNull(),
    at: ts().notNull().defaultNow(),
  },
  (t) => [uniqueIndex("job_logs_job_id_attempt_seq_idx").on(t.jobId, t.attempt, t.seq)],
);
