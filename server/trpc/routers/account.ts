import { z } from "zod";
import { signUp, SignUpInput } from "@/server/services/auth/sign-up";
import { publicProcedure, router } from "../init";

export const accountRouter = router({
  signUp: publicProcedure
    .input(SignUpInput)
    .output(z.object({ id: z.uuid(), email: z.string(), name: z.string() }))
    .mutation(({ ctx, input }) => signUp({ db: ctx.db, input })),
});
