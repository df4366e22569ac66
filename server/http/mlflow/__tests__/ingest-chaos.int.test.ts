import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "@/db/client";
import { rowsOf } from "@/db/rows";
import { createTestProject, createTestTeam, pgliteTemplate } from "@/db/testing";
import { parseRunId } from "@/server/services/mlflow/internal";
import { chaosConfig } from "@/runner/__tests__/chaos-config";
import { IngestLedger, killHard, startIngestServer, type Endpoint } from "./ingest-ledger";
import { tokenFor } from "./setup";

/**
 * Chaos (b): the web server is SIGKILLed repeatedly while a client logs metrics through MLflow's
 * `runs/log-batch` at ~500 points/s, keeping a ledger of acknowledged batches. Unacknowledged
 * batches are sent again after the restart; so is the last acknowledged one, as a client whose
 * answer was lost with the server would. After every restart and at the end, every acknowledged
 * point is stored and none twice. The database is a PGlite data directory on disk (the app's
 * default) or, with TEST_DATABASE_URL, a PostgreSQL database of its own.
 */
const chaos = chaosConfig("ingest-chaos");
const KILLS = chaos.long ? 10 : 2;
const BATCH = 100;
const TICK_MS = 200; // 100 points every 200 ms: 500 points/s offered (less while the server is slower: the client blocks)
const serverUrl = process.env.TEST_DATABASE_URL;
const kind = serverUrl ? "PostgreSQL" : "PGlite (data directory)";
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

/** A fresh database for the server process: its target (a URL or a directory) and an open handle for set-up. */
async function chaosDatabase(): Promise<{ target: string; database: Database; reopen: () => Promise<Database> }> {
  if (serverUrl) {
    const { Client } = await import("pg");
    const name = `rb_chaos_${randomBytes(6).toString("hex")}`;
    const admin = async (q: string) => {
      const c = new Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(q);
      await c.end();
    };
    await admin(`create database ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const database = await openDatabase({ kind: "postgres", url: url.toString() });
    cleanups.push(async () => {
      await database.close();
      await admin(`drop database if exists ${name} with (force)`);
    });
    return { target: url.toString(), database, reopen: async () => database };
  }
  const dir = path.join(mkdtempSync(path.join(os.tmpdir(), "ingest-chaos-")), "pglite");
  const database = await openDatabase({ kind: "pglite", dir, loadDataDir: await pgliteTemplate() });
  // One process per data directory: the test lets go of it while the server runs.
  const reopen = async () => {
    const again = await openDatabase({ kind: "pglite", dir });
    cleanups.push(() => again.close());
    return again;
  };
  return { target: dir, database, reopen };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe(`web server SIGKILLed during MLflow ingest (${kind})`, () => {
  it(`every acknowledged point is stored, none twice, across ${KILLS} kills`, async () => {
    const { target, database, reopen } = await chaosDatabase();
    const team = await createTestTeam(database.db);
    const project = await createTestProject(database.db, team.org.id);
    const token = await tokenFor(database, team.org.id, team.members.data_scientist.id);
    if (!serverUrl) await database.close();
    const artifacts = mkdtempSync(path.join(os.tmpdir(), "ingest-chaos-artifacts-"));

    let server = await startIngestServer(target, artifacts);
    cleanups.push(() => killHard(server.child));
    const apiOf = (url: string) => `${url}/mlflow/${team.org.slug}/${project.key}/api/2.0/mlflow`;
    const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
    const exp = await (await fetch(`${apiOf(server.url)}/experiments/create`, { method: "POST", headers, body: JSON.stringify({ name: "chaos" }) })).json();
    const created = await (await fetch(`${apiOf(server.url)}/runs/create`, { method: "POST", headers, body: JSON.stringify({ experiment_id: exp.experiment_id }) })).json();
    const runId = created.run.info.run_id as string;
    const endpointOf = (url: string): Endpoint => ({ api: apiOf(url), token, runId });

    const ledger = new IngestLedger(chaos.random);
    ledger.endpoint = endpointOf(server.url);
    const ticker = setInterval(() => ledger.add(BATCH), TICK_MS);
    const pumping = ledger.pump();
    const started = Date.now();
    const checks: Awaited<ReturnType<IngestLedger["check"]>>[] = [];
    let restartMs = 0;
    let upMs = 0;
    let upSince = Date.now();
    try {
      for (let k = 0; k < KILLS; k++) {
        // The kill lands during ingest: this server has acknowledged batches, and more are on their way.
        const ackedBefore = ledger.counts.ackedBatches;
        while (ledger.counts.ackedBatches === ackedBefore) await sleep(10);
        await sleep(200 + chaos.random() * 1000);
        const lastAcked = ledger.lastAcked()!;
        ledger.endpoint = null;
        await killHard(server.child);
        const down = Date.now();
        upMs += down - upSince;
        server = await startIngestServer(target, artifacts);
        restartMs += Date.now() - down;
        const endpoint = endpointOf(server.url);
        expect(await ledger.post(endpoint, lastAcked.points)).toBe(200);
        ledger.counts.resentAcked++;
        ledger.endpoint = endpoint;
        upSince = Date.now();
        checks.push(await ledger.check(endpoint));
        chaos.log(`after kill ${k + 1}: ${JSON.stringify(checks.at(-1))}`);
      }
    } finally {
      clearInterval(ticker);
      ledger.stop();
    }
    await pumping;
    upMs += Date.now() - upSince;
    const ingestS = (Date.now() - started) / 1000;
    const final = await ledger.check(endpointOf(server.url));
    await killHard(server.child);

    const after = await reopen();
    const [stored] = rowsOf<{ rows: number; repeated: number }>(
      await after.db.execute(sql`
        select count(*)::int as rows, (count(*) - count(distinct (key, step)))::int as repeated
        from metrics where run_id = ${parseRunId(runId)!}::uuid`),
    );
    const c = ledger.counts;
    chaos.log(
      `db=${kind} kills=${KILLS} batches=${c.batches} points=${c.points} acked=${c.ackedPoints} failed-sends-retried=${c.failedSends} ` +
        `acked-batches-resent=${c.resentAcked} checks=${checks.length + 1} missing=${checks.reduce((n, x) => n + x.missing, final.missing)} ` +
        `duplicates=${checks.reduce((n, x) => n + x.duplicates, final.duplicates)} rows-in-db=${stored!.rows} ` +
        `held-back-ticks=${c.heldBack} rate=${Math.round(c.points / ingestS)} points/s (${Math.round(c.ackedPoints / (upMs / 1000))} while up) mean-restart=${Math.round(restartMs / KILLS)} ms`,
    );

    expect(ledger.errors).toEqual([]);
    for (const check of checks) expect(check).toMatchObject({ missing: 0, duplicates: 0, foreign: 0 });
    expect(final).toEqual({ rows: c.points, acked: c.points, missing: 0, duplicates: 0, foreign: 0 });
    expect(stored).toEqual({ rows: c.points, repeated: 0 });
  }, chaos.long ? 600_000 : 180_000);
});
