import { ShieldAlert, ShieldCheck } from "lucide-react";

/** Licence and personal-data flag, shown prominently wherever a dataset is. */
export function DatasetTerms({ licence, containsPersonalData, owner }: { licence: string; containsPersonalData: boolean; owner: string }) {
  return (
    <div className="grid gap-3 sm:grid-cols-[1fr_auto]" aria-label="Ownership and terms" role="group">
      <div className="rounded-lg border border-zinc-200 px-4 py-3 dark:border-zinc-800">
        <div className="text-xs font-medium tracking-wide text-zinc-500 uppercase">Licence / usage · owned by {owner}</div>
        <p className="mt-1 text-sm whitespace-pre-wrap text-zinc-900 dark:text-zinc-100">{licence}</p>
      </div>
      {containsPersonalData ? (
        <div className="flex items-center gap-2 rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm font-medium text-amber-900 dark:border-amber-500/40 dark:bg-amber-500/10 dark:text-amber-200">
          <ShieldAlert className="size-4" aria-hidden />
          Contains personal data
        </div>
      ) : (
        <div className="flex items-center gap-2 rounded-lg border border-zinc-200 px-4 py-3 text-sm text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
          <ShieldCheck className="size-4" aria-hidden />
          No personal data
        </div>
      )}
    </div>
  );
}
