import { z } from "zod";
import { changePassword, ChangePasswordInput } from "@/server/services/auth/change-password";
import { signUp, SignUpInput } from "@/server/services/auth/sign-up";
import { ForbiddenError } from "@/server/services/errors";
import { authedProcedure, publicProcedure, router } from "../init";

export const accountRouter = router({
  signUp: publicProcedure
    .input(SignUpInput)
    .output(z.object({ id: z.uuid(), email: z.string(), name: z.string() }))
    .mutation(({ ctx, input }) => signUp({ db: ctx.db, input, source: { ip: ctx.clientIp ?? null } })),
  /** Browser sessions only: an API token cannot change the password it was issued under. */
  changePassword: authedProcedure
    .input(ChangePasswordInput)
    .output(z.object({ ok: z.literal(true) }))
    .mutation(({ ctx, input }) => {
      if (ctx.user.tokenOrgId) throw new ForbiddenError("Change your password from the browser, not with an API token");
      return changePassword({ db: ctx.db, actor: { userId: ctx.user.id, sessionId: ctx.user.sessionId ?? null }, input });
    }),
});
