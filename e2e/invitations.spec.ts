import { apiSignIn, expect, screenshotThemes, test, WORKSPACE_PASSWORD } from "./fixtures";
import { linkFromMail } from "./mail";
import { MembersPage } from "./pages/members-page";

test("[INVITE]: an admin invites a newcomer, who signs up, verifies and accepts in the browser; another invitation is revoked", async ({
  page,
  browser,
  workspace,
}, info) => {
  const members = new MembersPage(page);
  const email = `newcomer-${workspace.id}@e2e.test`;
  const other = `not-needed-${workspace.id}@e2e.test`;

  // The admin invites two addresses from Settings → Members; both show as pending.
  await members.goto(workspace.org);
  const copied = await members.invite(email, ["Developer"]);
  await members.invite(other, ["Viewer"]);
  const row = members.invitation(email);
  await expect(row).toContainText("Developer");
  await expect(row).toContainText(workspace.owner.name);
  await expect(members.invitation(other)).toBeVisible();
  await screenshotThemes(page, info, "members-pending-invitation", { fullPage: true });

  // The newcomer follows the mailed link (the same one the admin could copy) in a browser of their own.
  const link = await linkFromMail(email, "/invitations/", { subject: new RegExp(`invited you to ${workspace.orgName}`) });
  expect(link).toBe(copied);
  const context = await browser.newContext();
  const newcomer = await context.newPage();
  await newcomer.goto(link);
  await expect(newcomer.getByRole("heading", { name: `Join ${workspace.orgName}` })).toBeVisible();
  await expect(newcomer.getByText("Developer")).toBeVisible();
  await screenshotThemes(newcomer, info, "invitation-signed-out");

  // Signed out: they create an account from the invitation and come back to it, unverified.
  await newcomer.getByRole("link", { name: "Create an account" }).click();
  await newcomer.getByLabel("Name").fill("Nina Newcomer");
  await newcomer.getByLabel("Email").fill(email);
  await newcomer.getByLabel("Password").fill(WORKSPACE_PASSWORD);
  await newcomer.getByRole("button", { name: "Create account" }).click();
  await expect(newcomer).toHaveURL(/\/invitations\//);
  await expect(newcomer.getByText(`Verify ${email} before you accept`)).toBeVisible();
  await expect(newcomer.getByRole("button", { name: "Accept invitation" })).toHaveCount(0);

  // They verify the address from the mail sign-up sent, then accept.
  await newcomer.goto(await linkFromMail(email, "/verify-email/", { subject: /Verify your email/ }));
  await newcomer.getByRole("button", { name: "Verify my email" }).click();
  await expect(newcomer.getByText(`${email} is verified`)).toBeVisible();
  await newcomer.goto(link);
  await expect(newcomer.getByRole("button", { name: "Accept invitation" })).toBeVisible();
  await screenshotThemes(newcomer, info, "invitation-accept");
  await newcomer.getByRole("button", { name: "Accept invitation" }).click();
  await expect(newcomer).toHaveURL(new RegExp(`/${workspace.org}$`));
  await expect(newcomer.getByRole("region", { name: "Email verification" })).toHaveCount(0);

  // The link worked once.
  await newcomer.goto(link);
  await expect(newcomer.getByText("This invitation was already accepted")).toBeVisible();
  await context.close();

  // The admin sees the newcomer as a member, and revokes the other invitation.
  await members.goto(workspace.org);
  await expect(members.member(email)).toContainText("Developer");
  await expect(members.invitation(email)).toHaveCount(0);
  await members.revoke(other);
  await expect(members.invitation(other)).toHaveCount(0);
  await page.goto(await linkFromMail(other, "/invitations/"));
  await expect(page.getByText("This invitation was withdrawn or declined")).toBeVisible();
});

test("[VERIFY]: a signed-in, unverified account sees a quiet banner whose resend is limited to once a minute", async ({ page }, info) => {
  const email = `unverified-${info.workerIndex}-${Date.now()}@e2e.test`;
  const res = await page.request.post("/api/trpc/account.signUp", { data: { json: { email, name: "Una Verified", password: WORKSPACE_PASSWORD } } });
  expect(res.ok(), await res.text()).toBeTruthy();
  await apiSignIn(page.request, email, WORKSPACE_PASSWORD);
  await page.goto("/onboarding");
  const banner = page.getByRole("region", { name: "Email verification" });
  await expect(banner).toContainText(`Verify ${email}`);
  await banner.getByRole("button", { name: "Resend verification email" }).click();
  // Sign-up mailed a link seconds ago, so the resend is refused for a minute.
  await expect(banner).toContainText("less than a minute ago");
});
