"use client";

import { useState } from "react";
import { Check, Copy } from "lucide-react";
import { cn } from "./cn";
import { Button } from "./button";

/** A read-only value (a secret, a link) with a button that copies it; the text is selected on focus. */
export function CopyField({ label, value, copyLabel = "Copy", inputClassName }: { label: string; value: string; copyLabel?: string; inputClassName?: string }) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      setCopied(false);
    }
  }
  return (
    <>
      <input
        readOnly
        aria-label={label}
        value={value}
        onFocus={(e) => e.currentTarget.select()}
        className={cn("h-9 min-w-0 flex-1 rounded-md border bg-white px-3 font-mono text-[13px]", inputClassName ?? "border-zinc-300 dark:border-zinc-700 dark:bg-zinc-900")}
      />
      <Button onClick={copy}>
        {copied ? <Check className="size-4 text-emerald-600" aria-hidden /> : <Copy className="size-4" aria-hidden />}
        {copied ? "Copied" : copyLabel}
      </Button>
    </>
  );
}
