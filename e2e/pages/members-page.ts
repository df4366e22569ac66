import { expect, type Page } from "@playwright/test";

/** Settings → Members of an organization: members, pending invitations, the invite dialog. */
export class MembersPage {
  constructor(private readonly page: Page) {}

  async goto(org: string) {
    await this.page.goto(`/${org}/settings/members`);
    await expect(this.page.getByRole("heading", { name: "Members", exact: true })).toBeVisible();
  }

  /** Invites an address with roles (labels as shown: "Developer") and returns the link the dialog offers to copy. */
  async invite(email: string, roles: string[]): Promise<string> {
    await this.page.getByRole("button", { name: "Invite member" }).click();
    const dialog = this.page.getByRole("dialog", { name: "Invite a member" });
    await dialog.getByLabel("Email").fill(email);
    for (const role of roles) await dialog.getByRole("checkbox", { name: role, exact: true }).check();
    await dialog.getByRole("button", { name: "Send invitation" }).click();
    const link = dialog.getByRole("textbox", { name: "Invitation link" });
    await expect(link).toHaveValue(/\/invitations\//);
    const value = await link.inputValue();
    await dialog.getByRole("button", { name: "Done" }).click();
    await expect(dialog).toBeHidden();
    return value;
  }

  invitations() {
    return this.page.getByRole("region", { name: "Pending invitations" });
  }

  invitation(email: string) {
    return this.invitations().getByRole("row").filter({ hasText: email });
  }

  member(email: string) {
    return this.page.getByRole("table").first().getByRole("row").filter({ hasText: email });
  }

  async revoke(email: string) {
    await this.page.getByRole("button", { name: `Revoke the invitation to ${email}` }).click();
    const confirm = this.page.getByRole("dialog", { name: `Revoke the invitation to ${email}?` });
    await confirm.getByRole("button", { name: "Revoke invitation" }).click();
    await expect(confirm).toBeHidden();
  }
}
