import { test as base, expect, type Page, type TestInfo } from "@playwright/test";

/** The demo workspace seeded into the fresh e2e database (db/seed.ts). */
export const DEMO = {
  org: "acme",
  orgName: "Acme ML",
  password: "runboard-demo",
  admin: "admin@acme.test",
  manager: "manager@acme.test",
  viewer: "viewer@acme.test",
  projects: [
    { key: "CHURN", name: "Customer churn" },
    { key: "FRAUD", name: "Card fraud" },
  ],
} as const;

/** Signs in through the Auth.js credentials callback; the session cookie lands in the page's context. */
export async function apiSignIn(page: Page, email: string, password: string = DEMO.password): Promise<void> {
  const csrf = await page.request.get("/api/auth/csrf");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await page.request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password },
    maxRedirects: 0,
  });
  expect(res.status(), "credentials callback answers with a redirect").toBe(302);
  expect(res.headers().location ?? "", `sign-in as ${email} succeeded`).not.toContain("error");
}

/** A project key no other run or worker has used: letter first, 2–10 characters. */
export function uniqueKey(info: TestInfo): string {
  return `E${info.workerIndex}${Date.now().toString(36).toUpperCase().slice(-6)}`.slice(0, 10);
}

/** Saves `<name>-light.png` and `<name>-dark.png` of the page as it stands, for visual review; ends in light. */
export async function screenshotThemes(page: Page, info: TestInfo, name: string, { fullPage = false } = {}): Promise<void> {
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    await page.screenshot({ path: info.outputPath(`${name}-${colorScheme}.png`), fullPage });
  }
  await page.emulateMedia({ colorScheme: "light" });
}

export class SignInPage {
  constructor(private readonly page: Page) {}

  async goto(callbackUrl?: string) {
    await this.page.goto(callbackUrl ? `/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}` : "/sign-in");
  }

  async signIn(email: string, password: string) {
    await this.page.getByLabel("Email").fill(email);
    await this.page.getByLabel("Password").fill(password);
    await this.page.getByRole("button", { name: "Sign in", exact: true }).click();
  }

  error() {
    return this.page.getByRole("main").getByRole("alert");
  }
}

export class TokensPage {
  constructor(private readonly page: Page) {}

  async goto(org: string = DEMO.org) {
    await this.page.goto(`/${org}/settings/tokens`);
    await expect(this.page.getByRole("heading", { name: "API tokens" })).toBeVisible();
  }

  /** Creates a token through the form and returns the secret shown once. */
  async create(name: string): Promise<string> {
    await this.page.getByLabel("New token name").fill(name);
    await this.page.getByRole("button", { name: "Create token" }).click();
    const secret = this.secret();
    await expect(secret).toHaveValue(/^rb_/);
    return secret.inputValue();
  }

  secret() {
    return this.page.getByRole("textbox", { name: "Token secret" });
  }

  row(name: string) {
    return this.page.getByRole("row").filter({ hasText: name });
  }

  async revoke(name: string) {
    await this.page.getByRole("button", { name: `Revoke ${name}` }).click();
    await this.page.getByRole("dialog").getByRole("button", { name: "Revoke token" }).click();
  }
}

export const test = base.extend<{
  signInAs: (email: string) => Promise<void>;
  signInPage: SignInPage;
  tokens: TokensPage;
}>({
  // The fixture callback is named `provide`, not Playwright's usual `use`, so the React hooks lint rule leaves it alone.
  signInAs: async ({ page }, provide) => provide((email) => apiSignIn(page, email)),
  signInPage: async ({ page }, provide) => provide(new SignInPage(page)),
  tokens: async ({ page }, provide) => provide(new TokensPage(page)),
});

export { expect };
