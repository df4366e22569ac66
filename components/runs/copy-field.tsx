"use client";

import { useState } from "react";
import { Check, Copy } from "lucide-react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";

/** Read-only text with a copy button; `multiline` renders a code block. */
export function CopyField({ label, value, multiline }: { label: string; value: string; multiline?: boolean }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard?.writeText(value).catch(() => undefined);
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  };
  return (
    <div>
      <div className="mb-1 flex items-center justify-between">
        <span className="text-xs font-medium text-zinc-600 dark:text-zinc-400">{label}</span>
        <Button size="sm" variant="ghost" className="h-6 px-1.5 text-xs" onClick={copy} aria-label={`Copy ${label}`}>
          {copied ? <Check className="size-3.5 text-emerald-600" aria-hidden /> : <Copy className="size-3.5" aria-hidden />}
          {copied ? "Copied" : "Copy"}
        </Button>
      </div>
      <pre
        aria-label={label}
        className={cn(
          "overflow-x-auto rounded-md border border-zinc-200 bg-zinc-50 px-3 py-2 font-mono text-[12.5px] text-zinc-800 dark:border-zinc-800 dark:bg-zinc-950 dark:text-zinc-200",
          !multiline && "whitespace-nowrap",
        )}
      >
        {value}
      </pre>
    </div>
  );
}
