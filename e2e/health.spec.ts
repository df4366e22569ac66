import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { expect, test } from "@playwright/test";

test("[HEALTH]: reports ok with the embedded database", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  expect(await res.json()).toMatchObject({ status: "ok", database: "pglite", version: expect.any(String) });
});

test.describe("[HEALTH]: unreachable database", () => {
  let server: ChildProcess;
  // Beside the suite's own server (E2E_PORT), so two suites on one machine do not share it.
  const port = Number(process.env.E2E_PORT ?? 3100) + 99;

  test.beforeAll(() => {
    const next = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");
    server = spawn(process.execPath, [next, "start", "-H", "localhost", "-p", String(port)], {
      env: {
        ...process.env,
        NODE_ENV: "production",
        DATABASE_URL: "postgres://nobody@127.0.0.1:1/nothing", // nothing listens on port 1
        AUTH_SECRET: "health-secret-health-secret-health-secret",
        LOG_LEVEL: "silent",
      },
      stdio: "ignore",
    });
  });
  test.afterAll(() => {
    server.kill("SIGTERM");
  });

  test("answers 503 with a clear message", async ({ request }) => {
    let res;
    await expect(async () => {
      res = await request.get(`http://localhost:${port}/api/health`);
      expect(res.status()).toBe(503);
    }).toPass({ timeout: 30_000 });
    const body = await res!.json();
    expect(body).toMatchObject({ status: "error", database: "postgres", message: expect.stringMatching(/postgres database cannot be reached/) });
    expect(JSON.stringify(body)).not.toMatch(/ at .*\.js:\d+/);
  });
});
