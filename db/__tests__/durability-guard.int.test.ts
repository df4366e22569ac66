import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEnv } from "@/env.mjs";
import { assertDurable, openDatabase } from "../client";

/**
 * The app refuses a PostgreSQL connection that may acknowledge a commit before it is durable. The
 * setting is made per session through the URL's `options`, so the shared test server stays as it is.
 */
const serverUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!serverUrl)("durability guard on PostgreSQL", () => {
  const name = `rb_durability_${randomBytes(4).toString("hex")}`;
  const admin = async (sql: string) => {
    const { Client } = await import("pg");
    const c = new Client({ connectionString: serverUrl });
    await c.connect();
    await c.query(sql);
    await c.end();
  };
  const urlWith = (options?: string) => {
    const url = new URL(serverUrl!);
    url.pathname = `/${name}`;
    if (options) url.searchParams.set("options", options);
    return url.toString();
  };
  beforeAll(() => admin(`create database ${name}`));
  afterAll(() => admin(`drop database if exists ${name} with (force)`));

  it("refuses synchronous_commit=off with a message naming the setting and the override", async () => {
    const open = openDatabase({ kind: "postgres", url: urlWith("-c synchronous_commit=off") });
    await expect(open).rejects.toThrow(/synchronous_commit=off.*RUNBOARD_ALLOW_UNSAFE_DURABILITY=1/);
  });

  it("opens with the override, and by default when the settings are on", async () => {
    const unsafe = await openDatabase({ kind: "postgres", url: urlWith("-c synchronous_commit=off"), allowUnsafeDurability: true });
    await unsafe.close();
    const safe = await openDatabase({ kind: "postgres", url: urlWith("-c synchronous_commit=local") });
    await safe.close();
  });

});

describe("durability guard, without a server", () => {
  it("refuses fsync=off (a server-wide setting, so read from a stand-in server)", async () => {
    const server = { query: async () => ({ rows: [{ fsync: "off", synchronous_commit: "on" }] }) };
    await expect(assertDurable(server)).rejects.toThrow(/fsync=off.*RUNBOARD_ALLOW_UNSAFE_DURABILITY=1/);
    const both = { query: async () => ({ rows: [{ fsync: "off", synchronous_commit: "off" }] }) };
    await expect(assertDurable(both)).rejects.toThrow("fsync=off and synchronous_commit=off");
    await expect(assertDurable({ query: async () => ({ rows: [{ fsync: "on", synchronous_commit: "local" }] }) })).resolves.toBeUndefined();
  });

  it("reads the override from RUNBOARD_ALLOW_UNSAFE_DURABILITY", () => {
    expect(parseEnv({}).RUNBOARD_ALLOW_UNSAFE_DURABILITY).toBe(false);
    expect(parseEnv({ RUNBOARD_ALLOW_UNSAFE_DURABILITY: "1" }).RUNBOARD_ALLOW_UNSAFE_DURABILITY).toBe(true);
  });
});
