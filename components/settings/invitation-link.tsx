"use client";

import { CopyField } from "@/components/ui/copy-field";

/** The accept link of an invitation just sent, to pass on by hand; only its invited, verified owner can use it. */
export function InvitationLink({ email, link }: { email: string; link: string }) {
  return (
    <div role="region" aria-label="Invitation link" className="rounded-lg border border-zinc-200 bg-zinc-50 p-4 dark:border-zinc-800 dark:bg-zinc-950">
      <p className="text-sm text-zinc-700 dark:text-zinc-300">
        We emailed the invitation to <span className="font-medium">{email}</span>. If it does not arrive, send them this link: it
        works only for {email}, signed in with that address verified.
      </p>
      <div className="mt-3 flex items-center gap-2">
        <CopyField label="Invitation link" value={link} copyLabel="Copy link" />
      </div>
    </div>
  );
}
