"use client";

import { useMutation } from "@tanstack/react-query";
import { errorMessage } from "@/components/forms/server-errors";
import { Button } from "@/components/ui/button";
import { useTRPC } from "@/lib/trpc";

/** Mails a new verification link (at most once a minute); says what happened next to the button. */
export function ResendVerificationButton({ size = "sm" }: { size?: "sm" | "md" }) {
  const trpc = useTRPC();
  const resend = useMutation(trpc.account.resendVerification.mutationOptions());
  const note = resend.isError
    ? errorMessage(resend.error)
    : resend.data?.alreadyVerified
      ? "Your address is already verified: reload the page."
      : resend.isSuccess
        ? `Sent. Check the inbox of ${resend.data.email}.`
        : null;
  return (
    <span className="inline-flex flex-wrap items-center gap-x-3 gap-y-1">
      <Button size={size} onClick={() => resend.mutate()} loading={resend.isPending} disabled={resend.isSuccess}>
        Resend verification email
      </Button>
      {note ? (
        <span role="status" className="text-[13px]">
          {note}
        </span>
      ) : null}
    </span>
  );
}
