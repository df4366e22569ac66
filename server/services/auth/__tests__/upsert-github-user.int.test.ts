import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
import { createTestUser } from "@/db/testing";
import { withTestDb } from "@/db/with-test-db";
import { GithubLinkRefusedError, upsertGithubUser } from "../upsert-github-user";

const database = withTestDb();

describe("GitHub sign-in", () => {
  it("does not link to a password account whose address is unverified", async () => {
    // Someone signed up with the victim's address before the victim ever used Runboard.
    const squatter = await createTestUser(database.db);
    await expect(upsertGithubUser(database.db, { githubId: "gh-1", email: squatter.email.toUpperCase(), name: "Real Owner" })).rejects.toBeInstanceOf(GithubLinkRefusedError);
    const [row] = await database.db.select().from(users).where(eq(users.id, squatter.id));
    expect(row!.githubId).toBeNull();
  });

  it("links to an account whose owner verified the address, and signs in the linked GitHub user again", async () => {
    const owner = await createTestUser(database.db, { verified: true });
    const linked = await upsertGithubUser(database.db, { githubId: "gh-2", email: owner.email, name: "Owner" });
    expect(linked.id).toBe(owner.id);
    expect((await upsertGithubUser(database.db, { githubId: "gh-2", email: owner.email, name: "Owner" })).id).toBe(owner.id);
  });

  it("does not let a second GitHub user into an account linked to another", async () => {
    const owner = await createTestUser(database.db, { verified: true });
    await upsertGithubUser(database.db, { githubId: "gh-3", email: owner.email, name: "Owner" });
    await expect(upsertGithubUser(database.db, { githubId: "gh-4", email: owner.email, name: "Other" })).rejects.toBeInstanceOf(GithubLinkRefusedError);
  });

  it("creates a new, unverified account for an address nobody uses", async () => {
    const created = await upsertGithubUser(database.db, { githubId: "gh-5", email: "New.Hub@example.test", name: "New Hub" });
    const [row] = await database.db.select().from(users).where(eq(users.id, created.id));
    expect(row).toMatchObject({ email: "new.hub@example.test", githubId: "gh-5", emailVerifiedAt: null });
  });
});
