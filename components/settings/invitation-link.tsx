"use client";

import { useState } from "react";
import { Check, Copy } from "lucide-react";
import { Button } from "@/components/ui/button";

/** The accept link of an invitation just sent, to pass on by hand; only its invited, verified owner can use it. */
export function InvitationLink({ email, link }: { email: string; link: string }) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      setCopied(false);
    }
  }
  return (
    <div role="region" aria-label="Invitation link" className="rounded-lg border border-zinc-200 bg-zinc-50 p-4 dark:border-zinc-800 dark:bg-zinc-950">
      <p className="text-sm text-zinc-700 dark:text-zinc-300">
        We emailed the invitation to <span className="font-medium">{email}</span>. If it does not arrive, send them this link: it
        works only for {email}, signed in with that address verified.
      </p>
      <div className="mt-3 flex items-center gap-2">
        <input
          readOnly
          aria-label="Invitation link"
          value={link}
          onFocus={(e) => e.currentTarget.select()}
          className="h-9 min-w-0 flex-1 rounded-md border border-zinc-300 bg-white px-3 font-mono text-[13px] dark:border-zinc-700 dark:bg-zinc-900"
        />
        <Button onClick={copy}>
          {copied ? <Check className="size-4 text-emerald-600" aria-hidden /> : <Copy className="size-4" aria-hidden />}
          {copied ? "Copied" : "Copy link"}
        </Button>
      </div>
    </div>
  );
}
