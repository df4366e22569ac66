import { EventEmitter } from "node:events";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { EVENTS_CHANNEL } from "../agile/notify";

/** The live-event stream (server/events.ts) that carries "a job was queued in this organization". */
export const JOBS_QUEUED_STREAM = "runner.jobs";

export interface JobQueuedEvent {
  stream: typeof JOBS_QUEUED_STREAM;
  orgId: string;
}

const g = globalThis as unknown as { __runboardJobWake?: EventEmitter };

/** Process-wide (Next evaluates modules more than once per process), keyed by organization id. */
function bus(): EventEmitter {
  if (!g.__runboardJobWake) {
    g.__runboardJobWake = new EventEmitter();
    g.__runboardJobWake.setMaxListeners(0);
  }
  return g.__runboardJobWake;
}

/**
 * Tells long-polling claims that the organization has a new queued job: pg_notify on the events
 * channel inside the caller's transaction (delivered on commit to every web process listening, see
 * server/events.ts), and at once to the waiters of this process.
 */
export async function notifyJobQueued(db: Db, orgId: string): Promise<void> {
  const event: JobQueuedEvent = { stream: JOBS_QUEUED_STREAM, orgId };
  await db.execute(sql`select pg_notify(${EVENTS_CHANNEL}, ${JSON.stringify(event)})`);
}

/** Wakes this process's claims waiting on the organization (call after the job's transaction committed). */
export function wakeJobWaiters(orgId: string): void {
  bus().emit(orgId);
}

/** A wake-up for the organization's next queued job; subscribe before looking, so no job slips between. */
export function jobWaiter(orgId: string): { woken: Promise<void>; cancel: () => void } {
  let cancel = () => undefined as void;
  const woken = new Promise<void>((resolve) => {
    const on = () => resolve();
    bus().once(orgId, on);
    cancel = () => {
      bus().off(orgId, on);
      resolve();
    };
  });
  return { woken, cancel };
}

const started = globalThis as unknown as { __runboardJobWakeCross?: boolean };

/**
 * On PostgreSQL, jobs queued by another web process arrive as pg_notify events: make sure this
 * process listens (one LISTEN per process, shared with live updates). PGlite is single-process, so
 * the in-process wake-up is enough there.
 */
export function listenForJobsFromOtherProcesses(): void {
  if (started.__runboardJobWakeCross || !process.env.DATABASE_URL) return;
  started.__runboardJobWakeCross = true;
  import("@/server/events")
    .then((m) => m.startJobWakeups())
    .catch(() => {
      started.__runboardJobWakeCross = false;
    });
}
