import { test as base, expect, type Page, type TestInfo } from "@playwright/test";
import { DEMO } from "./demo";
import { BacklogPage } from "./pages/backlog-page";
import { BoardPage } from "./pages/board-page";
import { SignInPage } from "./pages/sign-in-page";
import { TokensPage } from "./pages/tokens-page";
import { signInPage, Workspace } from "./workspace";

export { DEMO } from "./demo";
export { apiSignIn, signInPage, Workspace, WORKSPACE_PASSWORD, type Project, type Role, type Sprint, type User } from "./workspace";

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

export const test = base.extend<{
  /** Signs the page in as an account (a demo one unless a password is given), replacing whoever was signed in. */
  signInAs: (email: string, password?: string) => Promise<void>;
  /**
   * A new organization of the test's own: a fresh account founds it and creates a Scrum project
   * with an active sprint; `page` is signed in as that owner. Tests that write use it; only reading
   * tests may use the seeded acme demo.
   */
  workspace: Workspace;
  board: BoardPage;
  backlog: BacklogPage;
  signInPage: SignInPage;
  tokens: TokensPage;
}>({
  // The fixture callback is named `provide`, not Playwright's usual `use`, so the React hooks lint rule leaves it alone.
  signInAs: async ({ page }, provide) => provide((email, password = DEMO.password) => signInPage(page, { email, password })),
  workspace: [
    async ({ page, playwright, baseURL }, provide, info) => {
      const request = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL! } });
      // A set-up that fails half-way still closes its API session.
      const ws = await Workspace.create(request, info, baseURL!).catch(async (err: unknown) => {
        await request.dispose();
        throw err;
      });
      // The page shares the owner's session: its cookie, not a second sign-in.
      await page.context().addCookies((await request.storageState()).cookies);
      await provide(ws);
      await ws.dispose();
    },
    // Sign-up hashes a password and teardown may stop a runner: neither counts against the test's own time.
    { timeout: 60_000 },
  ],
  board: async ({ page }, provide) => provide(new BoardPage(page)),
  backlog: async ({ page }, provide) => provide(new BacklogPage(page)),
  signInPage: async ({ page }, provide) => provide(new SignInPage(page)),
  tokens: async ({ page }, provide) => provide(new TokensPage(page)),
});

export { expect };
