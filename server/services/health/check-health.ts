import { sql } from "drizzle-orm";
import { getDatabase } from "../database";
import { env } from "@/server/env";
import { logger } from "@/server/logger";
import pkg from "@/package.json";

export type Health =
  | { status: "ok"; database: "pglite" | "postgres"; version: string }
  | { status: "error"; database: "pglite" | "postgres"; version: string; message: string };

/** Liveness plus a round trip to the database. */
export async function checkHealth(): Promise<Health> {
  const kind = env().DATABASE_URL ? "postgres" : "pglite";
  try {
    const { db } = await getDatabase();
    await db.execute(sql`select 1`);
    return { status: "ok", database: kind, version: pkg.version };
  } catch (err) {
    logger.error({ err }, "health check: database unreachable");
    const reason = err instanceof Error ? err.message.split("\n")[0] : "unknown error";
    return { status: "error", database: kind, version: pkg.version, message: `The ${kind} database cannot be reached: ${reason}` };
  }
}
