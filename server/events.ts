import "server-only";
import { EventEmitter, on } from "node:events";
import type { PGlite } from "@electric-sql/pglite";
import { getDatabase } from "./db";
import { env } from "./env";
import { logger } from "./logger";
import { EVENTS_CHANNEL, type ProjectEvent } from "./services/agile/notify";

const g = globalThis as unknown as { __runboardEvents?: Promise<EventEmitter> };

/** One LISTEN per process (a dedicated connection on PostgreSQL), fanned out to subscribers in memory. */
function emitter(): Promise<EventEmitter> {
  g.__runboardEvents ??= (async () => {
    const bus = new EventEmitter();
    bus.setMaxListeners(0);
    const deliver = (payload: string | undefined) => {
      try {
        const event = JSON.parse(payload ?? "") as ProjectEvent;
        bus.emit(event.projectId, event);
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

/** Yields the project's live events until `signal` aborts (the browser closed the stream). */
export async function* projectEvents(projectId: string, signal?: AbortSignal): AsyncGenerator<ProjectEvent> {
  const bus = await emitter();
  try {
    for await (const [event] of on(bus, projectId, { signal })) yield event as ProjectEvent;
  } catch (err) {
    if ((err as { name?: string }).name !== "AbortError") throw err;
  }
}
