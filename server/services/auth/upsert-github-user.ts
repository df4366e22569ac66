import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { recordAudit } from "../audit/record-audit";
import { ConflictError } from "../errors";

/** GitHub sign-in met an account it may not join: one whose address nobody proved to own, or one linked to another GitHub user. */
export class GithubLinkRefusedError extends ConflictError {
  constructor() {
    super("This email belongs to an account whose address is not verified yet: sign in with its password and verify it first");
  }
}

/**
 * Finds or creates the account for a GitHub sign-in. An existing account with the same email is
 * linked only once its owner verified that address: otherwise whoever signed up with someone
 * else's address would receive their GitHub sign-in (GithubLinkRefusedError).
 */
export async function upsertGithubUser(
  db: Db,
  profile: { githubId: string; email: string; name: string; image?: string | null },
) {
  const email = profile.email.trim().toLowerCase();
  return db.transaction(async (tx) => {
    const [byGithub] = await tx.select().from(users).where(eq(users.githubId, profile.githubId)).limit(1);
    const [byEmail] = byGithub ? [byGithub] : await tx.select().from(users).where(eq(users.email, email)).limit(1);
    let user = byEmail;
    if (user && user.githubId && user.githubId !== profile.githubId) throw new GithubLinkRefusedError();
    if (user && !user.githubId) {
      if (!user.emailVerifiedAt) throw new GithubLinkRefusedError();
      [user] = await tx.update(users).set({ githubId: profile.githubId }).where(eq(users.id, user.id)).returning();
    }
    if (!user) {
      [user] = await tx
        .insert(users)
        .values({ email, name: profile.name || email, githubId: profile.githubId, image: profile.image ?? null })
        .returning();
    }
    await recordAudit(tx, { actorUserId: user!.id, action: "auth.sign_in", data: { method: "github" } });
    return { id: user!.id, email: user!.email, name: user!.name };
  });
}
