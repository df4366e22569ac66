import { describe, expect, it } from "vitest";
import { parseEnv } from "@/env.mjs";

describe("parseEnv", () => {
  it("applies defaults", () => {
    const e = parseEnv({});
    expect(e).toMatchObject({ PORT: 3000, RUNBOARD_DATA_DIR: ".data", RUNBOARD_DEMO: true });
    expect(e.DATABASE_URL).toBeUndefined();
  });
  it("treats empty strings as unset and reads flags", () => {
    const e = parseEnv({ DATABASE_URL: "", RUNBOARD_DEMO: "0" });
    expect(e.DATABASE_URL).toBeUndefined();
    expect(e.RUNBOARD_DEMO).toBe(false);
  });
  it("names every bad variable", () => {
    expect(() => parseEnv({ PORT: "http", DATABASE_URL: "mysql://x" })).toThrow(/PORT:[\s\S]*DATABASE_URL: must start with postgres/);
  });
  it("refuses a short AUTH_SECRET", () => {
    expect(() => parseEnv({ AUTH_SECRET: "short" })).toThrow(/AUTH_SECRET: must be at least 32 characters/);
  });
});
