import { mkdtempSync, readFileSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { withTestDb } from "@/db/with-test-db";
import { signInWithPassword } from "@/server/services/auth/sign-in-with-password";
import { restClient } from "@/server/trpc/testing";
import { seedDemoIfEmpty, type DemoInfo } from "../seed";

const database = withTestDb();

describe("demo seed", () => {
  it("seeds an empty database once and writes demo.json readable only by its owner", async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "rb-seed-"));
    const info = await seedDemoIfEmpty(database.db, { dataDir });
    expect(info).not.toBeNull();
    const file = path.join(dataDir, "demo.json");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const demo = JSON.parse(readFileSync(file, "utf8")) as DemoInfo;
    expect(demo).toMatchObject({ org: "acme", project: "CHURN", apiToken: expect.stringMatching(/^rb_/), runnerToken: expect.stringMatching(/^rbr_/) });
    expect(demo.users.map((u) => u.roles).flat()).toEqual(expect.arrayContaining(["admin", "manager", "data_engineer", "data_scientist", "developer", "viewer"]));
    expect(await seedDemoIfEmpty(database.db, { dataDir })).toBeNull();

    // The demo dataset: v1 ready, v2 adds a column; blobs live in the data dir's artifact store.
    const versions = await restClient(database.db)("GET", `/orgs/${demo.org}/projects/${demo.project}/datasets/customers/versions`, { token: demo.apiToken });
    expect(versions.status).toBe(200);
    const byVersion = Object.fromEntries((versions.body as { version: number; rowCount: number; columnCount: number; ready: boolean }[]).map((v) => [v.version, v]));
    expect(byVersion[1]).toMatchObject({ rowCount: 1000, columnCount: 7, ready: true });
    expect(byVersion[2]).toMatchObject({ rowCount: 1200, columnCount: 8, ready: false });

    const manager = demo.users.find((u) => u.roles.includes("manager"))!;
    expect(await signInWithPassword({ db: database.db, email: manager.email, password: manager.password })).not.toBeNull();
    const projects = await restClient(database.db)("GET", `/orgs/${demo.org}/projects`, { token: demo.apiToken });
    expect(projects.status).toBe(200);
    expect(projects.body.map((p: { key: string }) => p.key)).toContain("CHURN");
  });
});
