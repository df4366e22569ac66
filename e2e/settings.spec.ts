import { DEMO, expect, test } from "./fixtures";

test("[TOKENS]: a created token's secret is shown once, then the token is revoked", async ({ page, workspace, tokens }) => {
  await tokens.goto(workspace.org);
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

test("[AUDIT]: an admin sees their token creation in the audit log", async ({ page, workspace, tokens }) => {
  // The workspace's owner is its admin.
  await tokens.goto(workspace.org);
  const name = `audited token ${Date.now()}`;
  await tokens.create(name);

  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Audit log" }).click();
  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText("Created an API token");
  await expect(row).toContainText(workspace.owner.name);
});

test("[AUDIT]: a manager has no audit log tab", async ({ page, signInAs }) => {
  await signInAs(DEMO.manager);
  await page.goto(`/${DEMO.org}/settings`);
  const tabs = page.getByRole("navigation", { name: "Settings" });
  await expect(tabs.getByRole("link", { name: "Members" })).toBeVisible();
  await expect(tabs.getByRole("link", { name: "Audit log" })).toHaveCount(0);
});
