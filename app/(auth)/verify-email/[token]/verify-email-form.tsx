"use client";

import Link from "next/link";
import { useMutation } from "@tanstack/react-query";
import { errorMessage } from "@/components/forms/server-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useTRPC } from "@/lib/trpc";

export function VerifyEmailForm({ token, email }: { token: string; email: string }) {
  const trpc = useTRPC();
  const verify = useMutation(trpc.account.verifyEmail.mutationOptions());
  if (verify.isSuccess) {
    return (
      <div className="mt-4 space-y-4">
        <Alert tone="success">{verify.data.email} is verified. You can now accept invitations sent to it.</Alert>
        <Link href="/" className="text-sm font-medium text-brand-600 hover:underline dark:text-brand-100">
          Continue to Runboard
        </Link>
      </div>
    );
  }
  return (
    <div className="mt-1 space-y-5">
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Confirm that <span className="font-medium text-zinc-900 dark:text-zinc-100">{email}</span> is your address.
      </p>
      {verify.isError ? <Alert tone="error">{errorMessage(verify.error)}</Alert> : null}
      <Button variant="primary" className="w-full" loading={verify.isPending} onClick={() => verify.mutate({ token })}>
        Verify my email
      </Button>
    </div>
  );
}
