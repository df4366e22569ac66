import { createHash, randomBytes, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import type { PGlite } from "@electric-sql/pglite";
import type { Db } from "./client";
import { MIGRATIONS_FOLDER, openDatabase, type Database } from "./client";
import { memberships, organizations, projects, users, type BoardKind, type Role } from "./schema";
import { createDefaultBoard } from "@/server/services/agile/create-default-board";
import { hashPassword } from "@/server/auth/passwords";
import type { OrgContext } from "@/server/services/context";

/**
 * A fresh, migrated database for one test file: a PostgreSQL database of its own when
 * TEST_DATABASE_URL is set (dropped on close), otherwise an in-memory PGlite restored from a
 * migrated template (initdb once per migration set instead of once per file).
 */
export async function createTestDb(): Promise<Database> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) return createPostgresTestDb(serverUrl);
  return openDatabase({ kind: "pglite", dir: "memory://", loadDataDir: await pgliteTemplate() });
}

/** A fresh database of its own on a PostgreSQL server, migrated; `close` drops it. */
export async function createPostgresTestDb(serverUrl: string): Promise<Database> {
  const { Client } = await import("pg");
  const name = `rb_test_${randomBytes(6).toString("hex")}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ kind: "postgres", url: url.toString() });
  return {
    ...database,
    close: async () => {
      await database.close();
      const c = new Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** A migrated, empty PGlite cluster as a gzipped tarball (`loadDataDir`), built once per migration set. */
export async function pgliteTemplate(): Promise<Blob> {
  const digest = createHash("sha256");
  for (const f of readdirSync(MIGRATIONS_FOLDER, { recursive: true }).map(String).sort()) {
    const p = path.join(MIGRATIONS_FOLDER, f);
    if (f.endsWith(".sql") || f.endsWith(".json")) digest.update(f).update(readFileSync(p));
  }
  const file = path.join(os.tmpdir(), `runboard-pglite-template-${digest.digest("hex").slice(0, 16)}.tar.gz`);
  if (!existsSync(file)) {
    const db = await openDatabase({ kind: "pglite", dir: "memory://" });
    const client = (db.db as unknown as { $client: PGlite }).$client;
    const dump = await client.dumpDataDir("gzip");
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
    renameSync(tmp, file); // atomic, so parallel test files never read half a template
    await db.close();
  }
  return new Blob([readFileSync(file)]);
}

// ---- factories: unique names per call, never rely on seed rows ----

const unique = () => randomUUID().slice(0, 8);
export const TEST_PASSWORD = "correct horse battery";
let cachedHash: Promise<string> | undefined;

/** An account as sign-up makes it: its address is unverified unless `verified` is set. */
export async function createTestUser(db: Db, overrides: { email?: string; name?: string; verified?: boolean } = {}) {
  cachedHash ??= hashPassword(TEST_PASSWORD);
  const id = unique();
  const [user] = await db
    .insert(users)
    .values({
      email: overrides.email ?? `user-${id}@example.test`,
      name: overrides.name ?? `User ${id}`,
      passwordHash: await cachedHash,
      emailVerifiedAt: overrides.verified ? new Date() : null,
    })
    .returning();
  return user!;
}

export async function createTestOrg(db: Db, { slug }: { slug?: string } = {}) {
  const id = unique();
  const [org] = await db.insert(organizations).values({ slug: slug ?? `org-${id}`, name: `Org ${id}` }).returning();
  return org!;
}

export async function addTestMember(db: Db, orgId: string, userId: string, roles: Role[]) {
  await db.insert(memberships).values({ orgId, userId, roles });
}

export async function createTestProject(
  db: Db,
  orgId: string,
  key = `P${unique().replace(/[^A-Z0-9]/gi, "").toUpperCase().slice(0, 6)}`,
  kind: BoardKind = "scrum",
) {
  const [project] = await db.insert(projects).values({ orgId, key, name: `Project ${key}` }).returning();
  const { board, columns } = await createDefaultBoard(db, project!.id, kind);
  return { ...project!, board, columns };
}

/** An organization with one member per role, ready for permission tests. */
export async function createTestTeam(db: Db) {
  const org = await createTestOrg(db);
  const roles: Role[] = ["admin", "manager", "data_engineer", "data_scientist", "developer", "viewer"];
  const members = {} as Record<Role, Awaited<ReturnType<typeof createTestUser>>>;
  for (const role of roles) {
    members[role] = await createTestUser(db, { name: role });
    await addTestMember(db, org.id, members[role].id, [role]);
  }
  return { org, members };
}

export async function orgCtx(db: Db, orgId: string, userId: string): Promise<OrgContext> {
  const [row] = await db
    .select({ slug: organizations.slug, name: organizations.name, roles: memberships.roles })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.orgId))
    .where(and(eq(memberships.userId, userId), eq(memberships.orgId, orgId)))
    .limit(1);
  if (!row) throw new Error("orgCtx: user is not a member");
  return { db, actor: { userId }, org: { id: orgId, slug: row.slug, name: row.name }, roles: row.roles };
}

/**
 * Listens on the live events channel the way a web process does (a pg client on PostgreSQL,
 * PGlite's listen otherwise); resolves to a function that stops listening.
 */
export async function listenForEvents<T>(database: Database, channel: string, onEvent: (e: T) => void): Promise<() => Promise<void>> {
  const client = (database.db as unknown as { $client: PGlite | { options: { connectionString: string } } }).$client;
  if ("listen" in client) return client.listen(channel, (p) => onEvent(JSON.parse(p) as T));
  const { Client } = await import("pg");
  const pg = new Client({ connectionString: client.options.connectionString });
  await pg.connect();
  pg.on("notification", (m) => onEvent(JSON.parse(m.payload ?? "{}") as T));
  await pg.query(`listen ${channel}`);
  return () => pg.end();
}
