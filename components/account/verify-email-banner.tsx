import { MailWarning } from "lucide-react";
import { ResendVerificationButton } from "./resend-verification-button";

/** A quiet reminder for signed-in people whose address is not verified yet. */
export function VerifyEmailBanner({ email }: { email: string }) {
  return (
    <div
      role="region"
      aria-label="Email verification"
      className="mb-6 flex flex-wrap items-center justify-between gap-3 rounded-md border border-zinc-200 bg-zinc-50 px-4 py-2.5 text-sm text-zinc-700 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-300"
    >
      <p className="flex items-center gap-2">
        <MailWarning className="size-4 shrink-0 text-amber-600 dark:text-amber-400" aria-hidden />
        Verify {email}: open the link we emailed you. Invitations to organizations need a verified address.
      </p>
      <ResendVerificationButton />
    </div>
  );
}
