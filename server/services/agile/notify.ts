import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";

export const EVENTS_CHANNEL = "runboard_events";

export interface ProjectEvent {
  projectId: string;
  /** What changed, so open pages know what to refetch. */
  topic: "card" | "board" | "sprint";
  cardId?: string;
  actorUserId?: string;
}

/**
 * Queues a live-update event with pg_notify. Postgres (and PGlite) deliver it when the transaction
 * commits and drop it when it rolls back, so pages never hear of a refused change. On PostgreSQL it
 * reaches every web process listening on the channel.
 */
export async function notifyProject(db: Db, event: ProjectEvent): Promise<void> {
  await db.execute(sql`select pg_notify(${EVENTS_CHANNEL}, ${JSON.stringify(event)})`);
}
