import type { ConsoleMessage, Page } from "@playwright/test";
import { expect, test } from "./fixtures";

// The browser's own Origin, not the one playwright.config.ts adds to API contexts: the page must work as a real browser sends it.
test.use({ viewport: { width: 1600, height: 900 }, extraHTTPHeaders: {} });

/** Console messages about the Content Security Policy (a blocked script, style or connection). */
function cspViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on("console", (m: ConsoleMessage) => {
    if (/Content Security Policy/i.test(m.text())) seen.push(m.text());
  });
  return seen;
}

test("[SECURITY]: a page carries CSP with a nonce on every script, frame-ancestors 'none', nosniff and a Referrer-Policy", async ({ page }) => {
  const res = await page.goto("/sign-in");
  const headers = res!.headers();
  const csp = headers["content-security-policy"] ?? "";
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce, csp).toBeTruthy();
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'(;|$)/);
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  const html = await res!.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag, tag).toContain(`nonce="${nonce}"`);
  // A fresh nonce per response.
  const again = (await page.request.get("/sign-in")).headers()["content-security-policy"];
  expect(again).not.toBe(csp);
});

test("[SECURITY]: the board renders and a card moves with no CSP violation", async ({ page, workspace, board }) => {
  const violations = cspViolations(page);
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  const api = workspace.cards();
  const card = await api.createCard(`csp ${Date.now().toString(36)}`, "To do");
  await board.goto(workspace.org, workspace.project.key);
  await expect(board.column("To do").locator(`[data-card="${card.key}"]`)).toBeVisible();
  await board.keyboardMove(card.key, ["ArrowRight"]);
  await expect(board.column("In progress").locator(`[data-card="${card.key}"]`)).toBeVisible();
  await expect.poll(async () => (await api.board()).columns.find((c) => c.cards.some((x) => x.key === card.key))?.name).toBe("In progress");
  await page.reload();
  await expect(board.column("In progress").locator(`[data-card="${card.key}"]`)).toBeVisible({ timeout: 30_000 });
  expect(violations).toEqual([]);
  expect(errors).toEqual([]);
});

test("[SECURITY]: APIs answer nosniff, a malformed path 400, and refuse a cross-site cookie mutation", async ({ page, workspace, baseURL }) => {
  const health = await page.request.get("/api/health");
  expect(health.headers()["x-content-type-options"]).toBe("nosniff");
  const malformed = await page.request.get("/api/v1/orgs/%c0");
  expect(malformed.status()).toBe(400);
  expect((await malformed.json()).message).toMatch(/percent-encoding/);
  const path = `/api/v1/orgs/${workspace.org}/projects/${workspace.project.key}/cards`;
  const board = await workspace.cards().board();
  const data = { title: "cross-site", column: board.columns[0]!.id };
  // page.request carries the owner's session cookie (the workspace fixture shares it with the page).
  const foreign = await page.request.post(path, { data, headers: { origin: "https://evil.example" } });
  expect(foreign.status()).toBe(403);
  expect((await foreign.json()).message).toMatch(/Cross-site request refused/);
  const same = await page.request.post(path, { data, headers: { origin: baseURL! } });
  expect(same.status()).toBe(200);
});
