import { defineConfig } from "@playwright/test";
import { mailSinkPorts } from "./e2e/mail-ports";

const PORT = Number(process.env.E2E_PORT ?? 3100);
// Auth.js builds its redirects from the host `next start` binds to, so browse localhost, not 127.0.0.1.
const baseURL = `http://localhost:${PORT}`;
const MAIL = mailSinkPorts(PORT);

export default defineConfig({
  testDir: "./e2e",
  // Pages render in the browser from tRPC data; with two workers on a shared 2-core machine (load
  // average 20+ measured while other checkouts build), a first render took up to 18 s. Web-first
  // assertions wait that long; the workspace fixture's set-up has its own timeout (e2e/fixtures.ts).
  timeout: 90_000,
  expect: { timeout: 20_000 },
  // Specs that write do so in a workspace of their own (e2e/workspace.ts) and only read the seeded
  // acme demo, so tests run in any order on two workers, file by file or within a file.
  fullyParallel: true,
  // E2E_WORKERS=1 is faster on a 2-core machine (measured: 172 s against 218 s for 2), more pay off with more cores.
  workers: Number(process.env.E2E_WORKERS ?? 2),
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL,
    // A cookie-signed mutation must name this server as its Origin (server/auth/same-origin.ts), as
    // a browser does; API request contexts send none by themselves.
    extraHTTPHeaders: { origin: baseURL },
    browserName: "chromium",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  webServer: [
    {
      // Outgoing mail (verification links, invitations) lands here; specs read it (e2e/mail.ts).
      command: "node node_modules/tsx/dist/cli.mjs e2e/mail-sink.ts",
      url: `http://127.0.0.1:${MAIL.http}/health`,
      reuseExistingServer: false,
      timeout: 30_000,
      env: { E2E_PORT: String(PORT) },
    },
    {
      // A fresh embedded database with the demo workspace for every run.
      command: "rm -rf .data/e2e && node scripts/start.mjs",
      url: `${baseURL}/api/health`,
      reuseExistingServer: false,
      timeout: 240_000,
      stdout: "pipe",
      env: {
        PORT: String(PORT),
        HOST: "localhost",
        RUNBOARD_DATA_DIR: ".data/e2e",
        RUNBOARD_DEMO: "1",
        DATABASE_URL: "",
        AUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-e2e-secret",
        SMTP_URL: `smtp://127.0.0.1:${MAIL.smtp}`,
        LOG_LEVEL: "warn",
        // Every workspace signs up a fresh account from this one address.
        AUTH_SIGNUPS_PER_SOURCE_PER_HOUR: "100000",
      },
    },
  ],
});
