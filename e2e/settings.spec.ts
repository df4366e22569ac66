import { DEMO, expect, test } from "./fixtures";

test("[TOKENS]: a created token's secret is shown once, then the token is revoked", async ({ page, signInAs, tokens }) => {
  await signInAs(DEMO.manager);
  await tokens.goto();
  const name = `e2e token ${Date.now()}`;

  const secret = await tokens.create(name);
  expect(secret).toMatch(/^rb_/);
  await expect(page.getByText("It will not be shown again")).toBeVisible();
  await expect(tokens.row(name)).toContainText("never");

  await page.reload();
  await expect(tokens.secret()).toHaveCount(0);
  await expect(tokens.row(name)).toBeVisible();

  await tokens.revoke(name);
  await expect(tokens.row(name)).toHaveCount(0);
});

test("[AUDIT]: an admin sees their token creation in the audit log", async ({ page, signInAs, tokens }) => {
  await signInAs(DEMO.admin);
  await tokens.goto();
  const name = `audited token ${Date.now()}`;
  await tokens.create(name);

  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Audit log" }).click();
  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText("Created an API token");
  await expect(row).toContainText("Ada Admin");
});

test("[AUDIT]: a manager has no audit log tab", async ({ page, signInAs }) => {
  await signInAs(DEMO.manager);
  await page.goto(`/${DEMO.org}/settings`);
  const tabs = page.getByRole("navigation", { name: "Settings" });
  await expect(tabs.getByRole("link", { name: "Members" })).toBeVisible();
  await expect(tabs.getByRole("link", { name: "Audit log" })).toHaveCount(0);
});
