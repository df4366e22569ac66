import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { recordAudit } from "../audit/record-audit";

/** Finds or creates the account for a GitHub sign-in; an existing account with the same verified email is linked. */
export async function upsertGithubUser(
  db: Db,
  profile: { githubId: string; email: string; name: string; image?: string | null },
) {
  const email = profile.email.trim().toLowerCase();
  return db.transaction(async (tx) => {
    const [byGithub] = await tx.select().from(users).where(eq(users.githubId, profile.githubId)).limit(1);
    const [byEmail] = byGithub ? [byGithub] : await tx.select().from(users).where(eq(users.email, email)).limit(1);
    let user = byEmail;
    if (user && !user.githubId) {
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
