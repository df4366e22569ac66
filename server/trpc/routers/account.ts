import { z } from "zod";
import { changePassword, ChangePasswordInput } from "@/server/services/auth/change-password";
import { emailStatus } from "@/server/services/auth/email-status";
import { requestEmailVerification, VerificationToken } from "@/server/services/auth/request-email-verification";
import { signUp, SignUpInput } from "@/server/services/auth/sign-up";
import { verifyEmail } from "@/server/services/auth/verify-email";
import { authedProcedure, publicProcedure, router } from "../init";

export const accountRouter = router({
  signUp: publicProcedure
    .input(SignUpInput)
    .output(z.object({ id: z.uuid(), email: z.string(), name: z.string() }))
    .mutation(({ ctx, input }) => signUp({ db: ctx.db, input, source: { ip: ctx.clientIp ?? null } })),
  changePassword: authedProcedure
    .input(ChangePasswordInput)
    .output(z.object({ ok: z.literal(true) }))
    .mutation(({ ctx, input }) =>
      changePassword({ db: ctx.db, actor: { userId: ctx.user.id, sessionId: ctx.user.sessionId ?? null, tokenOrgId: ctx.user.tokenOrgId }, input }),
    ),
  emailStatus: authedProcedure
    .output(z.object({ email: z.string(), verified: z.boolean() }).nullable())
    .query(({ ctx }) => emailStatus({ db: ctx.db, userId: ctx.user.id })),
  /** At most once a minute per account (429 otherwise). */
  resendVerification: authedProcedure
    .output(z.object({ email: z.string(), alreadyVerified: z.boolean(), sent: z.boolean() }))
    .mutation(({ ctx }) => requestEmailVerification({ db: ctx.db, userId: ctx.user.id })),
  verifyEmail: publicProcedure
    .input(VerificationToken)
    .output(z.object({ email: z.string() }))
    .mutation(({ ctx, input }) => verifyEmail({ db: ctx.db, token: input.token })),
});
