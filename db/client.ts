import path from "node:path";
import { mkdirSync } from "node:fs";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import * as schema from "./schema";

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type DatabaseKind = "pglite" | "postgres";
export interface Database {
  db: Db;
  kind: DatabaseKind;
  close: () => Promise<void>;
}

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");

export type OpenOptions =
  /** `allowUnsafeDurability`: open even when the server may lose committed transactions (fsync or synchronous_commit off). */
  | { kind: "postgres"; url: string; allowUnsafeDurability?: boolean }
  /** `dir` is a directory, or `memory://`; `loadDataDir` restores a dumped, already-migrated cluster. */
  | { kind: "pglite"; dir: string; loadDataDir?: Blob };

/** Opens PGlite or node-postgres and applies the committed migrations. */
export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.kind === "postgres") {
    const { Pool } = await import("pg");
    const { drizzle } = await import("drizzle-orm/node-postgres");
    const { migrate } = await import("drizzle-orm/node-postgres/migrator");
    const pool = new Pool({ connectionString: opts.url, max: 10 });
    // An idle client that loses its connection must not crash the process; the next query reconnects.
    pool.on("error", () => undefined);
    const db = drizzle({ client: pool, schema, casing: "snake_case" });
    try {
      if (!opts.allowUnsafeDurability) await assertDurable(pool);
    } catch (err) {
      await pool.end();
      throw err;
    }
    await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
    return { db: db as unknown as Db, kind: "postgres", close: () => pool.end() };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  if (!opts.dir.startsWith("memory://")) mkdirSync(opts.dir, { recursive: true });
  const client = await PGlite.create(opts.dir, opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {});
  const db = drizzle({ client, schema, casing: "snake_case" });
  await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  return { db: db as unknown as Db, kind: "pglite", close: () => client.close() };
}

/**
 * Refuses a PostgreSQL server (or a session, through `options=-c …` in the URL) that acknowledges a
 * commit before it is on disk: with fsync or synchronous_commit off, a crash loses acknowledged writes.
 */
export async function assertDurable(pool: { query: (q: string) => Promise<{ rows: { fsync: string; synchronous_commit: string }[] }> }) {
  const { rows } = await pool.query("select current_setting('fsync') as fsync, current_setting('synchronous_commit') as synchronous_commit");
  const unsafe = Object.entries(rows[0]!).filter(([, value]) => value === "off");
  if (unsafe.length === 0) return;
  throw new Error(
    `PostgreSQL runs with ${unsafe.map(([name]) => `${name}=off`).join(" and ")}: a crash would lose acknowledged writes. ` +
      "Turn it on, or set RUNBOARD_ALLOW_UNSAFE_DURABILITY=1 to start anyway.",
  );
}
