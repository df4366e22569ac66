#!/usr/bin/env node
// Board figures on PGlite with a 5,000-card Kanban project (5 columns): server time to first byte
// of the board page and of the board query, first contentful paint and DOM nodes in Chromium,
// move latency at a steady 50 requests/s, and frame times while dragging a card across columns.
// Needs a build (`npm run build`). Usage: node bench/board.mjs [cards=5000]
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "@playwright/test";
import { CHROMIUM, fmt, pct, signIn, startServer, stopServer, time } from "./lib.mjs";

const CARDS = Number(process.argv[2] ?? 5000);
const PORT = 3196;
const base = `http://localhost:${PORT}`;
const dir = mkdtempSync(path.join(os.tmpdir(), "runboard-board-bench-"));

const prep = spawnSync("npx", ["tsx", "bench/board-data.ts", dir, String(CARDS)], { stdio: "inherit" });
if (prep.status !== 0) process.exit(1);
const { child: server } = await startServer({ port: PORT, dataDir: dir });

try {
  const demo = JSON.parse(readFileSync(path.join(dir, "demo.json"), "utf8"));
  const auth = { authorization: `Bearer ${demo.apiToken}` };
  const session = await signIn(base, "manager@acme.test", "runboard-demo");
  console.log(`Board benchmark: ${CARDS} cards in 5 columns, PGlite, ${os.cpus().length} CPUs`);

  // Time to first byte: fetch resolves once the status line and headers arrive.
  await time(3, () => fetch(`${base}/acme/BENCH/board`, { headers: { cookie: session.cookie } }).then((r) => r.arrayBuffer()));
  const pageTtfb = await time(30, async () => {
    const res = await fetch(`${base}/acme/BENCH/board`, { headers: { cookie: session.cookie } });
    if (!res.ok) throw new Error(`board page: HTTP ${res.status}`);
    res.body?.cancel();
  });
  console.log(`board page TTFB:            ${fmt(pageTtfb)}`);
  const queryUrl = `${base}/api/v1/orgs/acme/projects/BENCH/board`;
  let bytes = 0;
  const queryTtfb = [];
  const queryFull = await time(30, async () => {
    const t0 = performance.now();
    const res = await fetch(queryUrl, { headers: auth });
    queryTtfb.push(performance.now() - t0);
    bytes = (await res.arrayBuffer()).byteLength;
  });
  console.log(`board query TTFB:           ${fmt(queryTtfb)}`);
  console.log(`board query complete:       ${fmt(queryFull)}  (${(bytes / 1024).toFixed(0)} KiB JSON)`);

  // Moves at a steady 50 requests a second for 10 s (open loop: latency includes queueing).
  const board = await (await fetch(queryUrl, { headers: auth })).json();
  const keys = board.columns.flatMap((c) => c.cards.map((x) => x.key));
  const columnIds = board.columns.map((c) => c.id);
  const moves = [];
  const inflight = [];
  const started = performance.now();
  for (let i = 0; i < 500; i++) {
    const due = started + i * 20;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const key = keys[(i * 7919) % keys.length];
    const column = columnIds[i % columnIds.length];
    const t0 = performance.now();
    inflight.push(
      fetch(`${base}/api/v1/orgs/acme/cards/${key}/move`, { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: JSON.stringify({ column }) }).then(async (r) => {
        await r.arrayBuffer();
        if (!r.ok) throw new Error(`move: HTTP ${r.status}`);
        moves.push(performance.now() - t0);
      }),
    );
  }
  await Promise.all(inflight);
  console.log(`move at 50 req/s (10 s):    ${fmt(moves)}`);

  // Chromium: first contentful paint, DOM size, and frames while dragging.
  const browser = await chromium.launch(CHROMIUM);
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.addCookies([...session.jar].map(([name, value]) => ({ name, value, url: base })));
  const page = await context.newPage();
  const fcps = [];
  let nodes = 0;
  for (let i = 0; i < 5; i++) {
    await page.goto(`${base}/acme/BENCH/board`, { waitUntil: "load" });
    await page.locator("[data-card]").first().waitFor();
    fcps.push(await page.evaluate(() => performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? NaN));
    nodes = await page.evaluate(() => document.getElementsByTagName("*").length);
  }
  console.log(`first contentful paint:     median ${pct(fcps, 50).toFixed(0)} ms, worst ${Math.max(...fcps).toFixed(0)} ms (n=${fcps.length})`);
  console.log(`DOM nodes on the board:     ${nodes}`);

  const card = page.locator("[data-card]").first();
  const target = page.locator("[data-container]").nth(3);
  const from = await card.boundingBox();
  const to = await target.boundingBox();
  await page.evaluate(() => {
    window.__frames = [];
    let last = performance.now();
    const tick = (t) => {
      window.__frames.push(t - last);
      last = t;
      if (!window.__stopFrames) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  const steps = 60;
  for (let i = 1; i <= steps; i++) {
    await page.mouse.move(from.x + ((to.x + 40 - from.x) * i) / steps, from.y + ((to.y + 120 - from.y) * i) / steps);
    await page.waitForTimeout(16);
  }
  await page.mouse.up();
  await page.waitForTimeout(300);
  const frames = await page.evaluate(() => {
    window.__stopFrames = true;
    return window.__frames.slice(1);
  });
  console.log(`frames while dragging:      median ${pct(frames, 50).toFixed(1)} ms, p95 ${pct(frames, 95).toFixed(1)} ms, worst ${Math.max(...frames).toFixed(1)} ms (n=${frames.length})`);
  await browser.close();
} finally {
  await stopServer(server);
  rmSync(dir, { recursive: true, force: true });
}
