"use client";

import { useCallback, useRef, useState } from "react";
import { CircleAlert, X } from "lucide-react";

/** A refusal from the server (strict WIP limit, stale version) shown bottom-right and announced assertively. */
export function useErrorToast() {
  const [message, setMessage] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const show = useCallback((m: string) => {
    setMessage(m);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => setMessage(null), 7000);
  }, []);
  const node = message ? (
    <div
      role="alert"
      className="fixed right-4 bottom-4 z-50 flex max-w-md items-start gap-2.5 rounded-lg border border-red-200 bg-white py-2.5 pr-2 pl-3 text-sm shadow-lg dark:border-red-500/40 dark:bg-zinc-900"
    >
      <CircleAlert className="mt-0.5 size-4 shrink-0 text-red-600 dark:text-red-400" aria-hidden />
      <span className="text-zinc-800 dark:text-zinc-100">{message}</span>
      <button type="button" onClick={() => setMessage(null)} className="rounded p-1 text-zinc-500 hover:bg-zinc-100 dark:hover:bg-zinc-800" aria-label="Dismiss">
        <X className="size-3.5" aria-hidden />
      </button>
    </div>
  ) : null;
  return { node, show };
}
