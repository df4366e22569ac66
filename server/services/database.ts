import "server-only";
import path from "node:path";
import { openDatabase, type Database } from "@/db/client";
import { env } from "@/server/env";
import { logger } from "@/server/logger";

const g = globalThis as unknown as { __runboardDb?: Promise<Database> };

async function open(): Promise<Database> {
  const e = env();
  const database = e.DATABASE_URL
    ? await openDatabase({ kind: "postgres", url: e.DATABASE_URL, allowUnsafeDurability: e.RUNBOARD_ALLOW_UNSAFE_DURABILITY })
    : await openDatabase({ kind: "pglite", dir: path.resolve(e.RUNBOARD_DATA_DIR, "pglite") });
  logger.info({ database: database.kind }, "database open and migrated");
  if (e.RUNBOARD_DEMO) {
    const { seedDemoIfEmpty } = await import("@/db/seed");
    const seeded = await seedDemoIfEmpty(database.db, { dataDir: path.resolve(e.RUNBOARD_DATA_DIR) });
    if (seeded) logger.info({ org: seeded.org }, "demo workspace seeded");
  }
  return database;
}

/**
 * The process-wide database. Kept on globalThis because Next evaluates server modules more than
 * once per process, and two PGlite instances on one directory silently lose writes.
 */
export function getDatabase(): Promise<Database> {
  if (process.env.NEXT_PHASE === "phase-production-build") {
    throw new Error("The database was used during the build: make the route dynamic");
  }
  g.__runboardDb ??= open().catch((err: unknown) => {
    g.__runboardDb = undefined; // let the next request retry, e.g. once PostgreSQL is back
    throw err;
  });
  return g.__runboardDb;
}

export async function getDb() {
  return (await getDatabase()).db;
}
