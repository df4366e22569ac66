import { expect, type Page } from "@playwright/test";

/** Settings → API tokens of an organization. */
export class TokensPage {
  constructor(private readonly page: Page) {}

  async goto(org: string) {
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
