import { z } from "zod";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { hashPassword } from "@/server/auth/passwords";
import { ConflictError, isUniqueViolation } from "../errors";
import { recordAudit } from "../audit/record-audit";
import { Email, Name, Password } from "../schemas";

export const SignUpInput = z.object({ email: Email, name: Name, password: Password });
export type SignUpInput = z.infer<typeof SignUpInput>;

export async function signUp({ db, input }: { db: Db; input: SignUpInput }) {
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction(async (tx) => {
      const [user] = await tx
        .insert(users)
        .values({ email: input.email, name: input.name, passwordHash })
        .returning({ id: users.id, email: users.email, name: users.name });
      await recordAudit(tx, { actorUserId: user!.id, action: "auth.sign_up", targetType: "user", targetId: user!.id });
      return user!;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new ConflictError("An account with this email already exists: sign in instead");
    throw err;
  }
}
