import "server-only";
import { EventEmitter, on } from "node:events";
import type { PGlite } from "@electric-sql/pglite";
import { getDatabase } from "@/server/services/database";
import { env } from "./env";
import { logger } from "./logger";
import { EVENTS_CHANNEL, type ProjectEvent } from "./services/agile/notify";
import { JOBS_QUEUED_STREAM, wakeJobWaiters, type JobQueuedEvent } from "./services/runner-protocol/wake";

const g = globalThis as unknown as { __runboardEvents?: Promise<EventEmitter> };

/** One LISTEN per process (a dedicated connection on PostgreSQL), fanned out to subscribers in memory. */
function emitter(): Promise<EventEmitter> {
  g.__runboardEvents ??= (async () => {
    const bus = new EventEmitter();
    bus.setMaxListeners(0);
    const deliver = (payload: string | undefined) => {
      try {
        const event = JSON.parse(payload ?? "") as ProjectEvent & { stream?: string };
        // A job queued by any web process wakes this process's long-polling claims.
        if (event.stream === JOBS_QUEUED_STREAM) wakeJobWaiters((event as unknown as JobQueuedEvent).orgId);
        bus.emit(event.stream ?? event.projectId, event);
      } catch {
        /* not ours */
      }
    };
    const database = await getDatabase();
    const url = env().DATABASE_URL;
    if (url) {
      const { Client } = await import("pg");
      const listen = async () => {
        const client = new Client({ connectionString: url });
        client.on("notification", (m) => deliver(m.payload));
        client.on("error", (err) => {
          logger.warn({ err }, "event listener lost its connection; reconnecting");
          setTimeout(() => void listen().catch(() => undefined), 1000);
        });
        await client.connect();
        await client.query(`listen ${EVENTS_CHANNEL}`);
      };
      await listen();
    } else {
      const client = (database.db as unknown as { $client: PGlite }).$client;
      await client.listen(EVENTS_CHANNEL, deliver);
    }
    return bus;
  })();
  return g.__runboardEvents;
}

/**
 * Yields the events of one stream until `signal` aborts (the browser closed the stream). A payload
 * names its stream in `stream`; without one it belongs to its project's board stream.
 */
export async function* streamEvents<T>(stream: string, signal?: AbortSignal): AsyncGenerator<T> {
  const bus = await emitter();
  try {
    for await (const [event] of on(bus, stream, { signal })) yield event as T;
  } catch (err) {
    if ((err as { name?: string }).name !== "AbortError") throw err;
  }
}

/** Yields the project's board events (cards, columns, sprints). */
export function projectEvents(projectId: string, signal?: AbortSignal): AsyncGenerator<ProjectEvent> {
  return streamEvents<ProjectEvent>(projectId, signal);
}

/** Starts this process's listener so that jobs queued by other web processes wake its runner claims. */
export async function startJobWakeups(): Promise<void> {
  await emitter();
}
