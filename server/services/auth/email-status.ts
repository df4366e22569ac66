import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";

/** The account's address and whether its owner verified it (the banner asking to verify reads it). */
export async function emailStatus({ db, userId }: { db: Db; userId: string }) {
  const [row] = await db.select({ email: users.email, verifiedAt: users.emailVerifiedAt }).from(users).where(eq(users.id, userId)).limit(1);
  return row ? { email: row.email, verified: row.verifiedAt !== null } : null;
}
