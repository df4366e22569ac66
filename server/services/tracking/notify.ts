import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { EVENTS_CHANNEL } from "../agile/notify";

export type RunEventKind = "created" | "status" | "metrics" | "params" | "tags" | LinkedEventKind;
/** A model version's aliases or stage, or a dataset version's readiness, changed: what board badges of linked cards show. */
export type LinkedEventKind = "model" | "dataset";

export interface RunEvent {
  /** The events.ts stream these events travel on, one per project. */
  stream: string;
  projectId: string;
  runId: string;
  kind: RunEventKind;
}

export const runStream = (projectId: string) => `runs:${projectId}`;

/**
 * Queues a run event on the same pg_notify channel as board events (delivered on commit, dropped on
 * rollback), in the project's run stream so board listeners never see metric traffic.
 */
export async function notifyRun(db: Db, e: { projectId: string; runId: string; kind: RunEventKind }): Promise<void> {
  const event: RunEvent = { stream: runStream(e.projectId), ...e };
  await db.execute(sql`select pg_notify(${EVENTS_CHANNEL}, ${JSON.stringify(event)})`);
}

/** notifyRun's event as a SQL expression, for a statement that learns the run only as it writes it. */
export function runEventSql(e: { projectId: SQL; runId: SQL; kind: RunEventKind }): SQL {
  return sql`pg_notify(${EVENTS_CHANNEL}, json_build_object('stream', ${runStream("")}::text || ${e.projectId}::text, 'projectId', ${e.projectId}, 'runId', ${e.runId}, 'kind', ${e.kind}::text)::text)`;
}

/** Tells open boards that a linked model or dataset version changed; it carries no run id, so pages watching runs by id ignore it. */
export async function notifyLinked(db: Db, e: { projectId: string; kind: LinkedEventKind }): Promise<void> {
  const event: RunEvent = { stream: runStream(e.projectId), projectId: e.projectId, runId: "", kind: e.kind };
  await db.execute(sql`select pg_notify(${EVENTS_CHANNEL}, ${JSON.stringify(event)})`);
}
