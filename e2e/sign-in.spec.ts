import { DEMO, expect, test, uniqueKey } from "./fixtures";

test("[AUTH]: the manager signs in through the form and creates a project", async ({ page, workspace, signInPage }, info) => {
  // A manager of the workspace's organization, signed out: the form signs them in.
  const manager = await workspace.addMember(["manager"]);
  await page.context().clearCookies();
  await signInPage.goto();
  await signInPage.signIn(manager.email, manager.password);

  await expect(page).toHaveURL(new RegExp(`/${workspace.org}$`));
  await expect(page.getByRole("button", { name: new RegExp(workspace.orgName) })).toBeVisible();
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("button", { name: new RegExp(workspace.project.key) })).toBeVisible();

  const key = uniqueKey(info);
  const name = `Forecast ${key}`;
  await page.getByRole("button", { name: "New project" }).click();
  const dialog = page.getByRole("dialog", { name: "New project" });
  await dialog.getByLabel("Key").fill(key);
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByLabel("Description").fill("Created by the sign-in spec.");
  await dialog.getByRole("button", { name: "Create project" }).click();

  await expect(dialog).toBeHidden();
  await expect(page.getByRole("list", { name: "Projects" }).getByRole("link", { name })).toBeVisible();
  await expect(nav.getByRole("button", { name: new RegExp(key) })).toBeVisible();
});

test("[AUTH]: a wrong password shows an error and stays on sign-in", async ({ page, signInPage }) => {
  await signInPage.goto();
  await signInPage.signIn(DEMO.viewer, "not-the-password");

  await expect(signInPage.error()).toHaveText("Wrong email or password.");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("[AUTH]: a copied session cookie is refused after sign-out", async ({ page, workspace, browser, baseURL }) => {
  // `page` is signed in as the workspace's owner; an attacker copies its session cookie into another browser.
  const session = (await page.context().cookies()).find((c) => c.name === "authjs.session-token");
  expect(session, "the page has a session cookie").toBeTruthy();
  const attacker = await browser.newContext({ baseURL });
  try {
    await attacker.addCookies([session!]);
    expect((await attacker.request.get("/api/v1/me")).status()).toBe(200);

    await page.goto(`/${workspace.org}`);
    await page.getByRole("button", { name: `Account: ${workspace.owner.name}` }).click();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in/);

    expect((await attacker.request.get("/api/v1/me")).status()).toBe(401);
  } finally {
    await attacker.close();
  }
});
