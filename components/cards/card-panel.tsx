"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";
import { useQuery } from "@tanstack/react-query";
import { Check, Link2, Play, RefreshCw, X } from "lucide-react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Skeleton } from "@/components/ui/spinner";
import { useTRPC } from "@/lib/trpc";
import type { CardDetail } from "@/components/board/types";
import { CardLinks } from "@/components/runs/card-links";
import { CardUsageTotals } from "@/components/billing/usage-totals";
import { CardJobs } from "@/components/jobs/card-jobs";
import { RunExperimentDialog } from "@/components/jobs/run-experiment-dialog";
import { typeMeta } from "./card-meta";
import { CardComments } from "./card-comments";
import { CardDescription } from "./card-description";
import { CardHistory, type HistoryNames } from "./card-history";
import { CardProperties } from "./card-properties";
import { useCardDraft } from "./use-card-draft";

interface PanelContext {
  org: string;
  projectKey: string;
  canWrite: boolean;
  members: { userId: string; name: string }[];
  names: HistoryNames;
  columns: { id: string; name: string }[];
  /** Whether Run experiment is open: the board keeps it in the URL (`?run=1`) so the command palette can open it. */
  runOpen: boolean;
  onRunOpenChange: (open: boolean) => void;
  onClose: () => void;
}

/**
 * The card side panel: edit every field (saved together with the version it was opened at, so a
 * concurrent change is refused rather than overwritten), comment, and read the full history.
 */
export function CardPanel({ cardKey, ...ctx }: PanelContext & { cardKey: string }) {
  const trpc = useTRPC();
  const card = useQuery(trpc.cards.get.queryOptions({ org: ctx.org, cardKey }, { retry: false }));
  const panelRef = useRef<HTMLElement>(null);
  useEffect(() => {
    panelRef.current?.focus();
  }, [cardKey]);
  return (
    <aside
      ref={panelRef}
      tabIndex={-1}
      style={{ outline: "none" }}
      role="dialog"
      aria-label={`Card ${cardKey}`}
      onKeyDown={(e) => {
        const t = e.target as HTMLElement;
        if (e.key === "Escape" && !["INPUT", "TEXTAREA", "SELECT"].includes(t.tagName)) ctx.onClose();
      }}
      className="fixed inset-y-0 right-0 z-40 flex w-full max-w-xl flex-col border-l border-zinc-200 bg-white shadow-2xl outline-none dark:border-zinc-800 dark:bg-zinc-950"
    >
      {card.isPending ? (
        <div className="space-y-4 p-6">
          <Skeleton className="h-5 w-24" />
          <Skeleton className="h-8 w-3/4" />
          <Skeleton className="h-40" />
        </div>
      ) : card.error ? (
        <div className="p-6">
          <PanelHeader cardKey={cardKey} onClose={ctx.onClose} />
          <Alert tone="error" className="mt-4">
            {card.error.data?.code === "NOT_FOUND" ? `There is no card ${cardKey} here.` : card.error.message}
          </Alert>
        </div>
      ) : (
        <CardEditor key={card.data.key} {...ctx} card={card.data} onReload={() => card.refetch()} />
      )}
    </aside>
  );
}

function PanelHeader({ cardKey, type, onClose, children, actions }: { cardKey: string; type?: string; onClose: () => void; children?: ReactNode; actions?: ReactNode }) {
  const [copied, setCopied] = useState(false);
  const meta = type ? typeMeta(type) : null;
  const Icon = meta?.icon;
  return (
    <div className="flex items-center gap-2">
      {Icon ? <Icon className={cn("size-4", meta.className)} aria-label={meta.label} /> : null}
      <span className="font-mono text-sm font-medium text-zinc-600 dark:text-zinc-400">{cardKey}</span>
      {children}
      <div className="ml-auto flex items-center gap-1">
        {actions}
        <Button
          variant="ghost"
          size="sm"
          aria-label="Copy link to this card"
          onClick={() => {
            void navigator.clipboard?.writeText(window.location.href).then(() => setCopied(true));
          }}
        >
          {copied ? <Check className="size-4" aria-hidden /> : <Link2 className="size-4" aria-hidden />}
        </Button>
        <Button variant="ghost" size="sm" aria-label="Close card" onClick={onClose}>
          <X className="size-4" aria-hidden />
        </Button>
      </div>
    </div>
  );
}

function CardEditor({ org, projectKey, card, canWrite, members, names, columns, runOpen, onRunOpenChange, onClose, onReload }: PanelContext & { card: CardDetail; onReload: () => Promise<unknown> }) {
  const draft = useCardDraft({ org, projectKey, card, onReload });
  const ro = !canWrite;

  return (
    <>
      <div className="flex-1 overflow-y-auto px-6 pt-5 pb-6">
        <PanelHeader
          cardKey={card.key}
          type={card.type}
          onClose={onClose}
          actions={
            !ro ? (
              <Button size="sm" onClick={() => onRunOpenChange(true)}>
                <Play className="size-3.5" aria-hidden /> Run experiment
              </Button>
            ) : null
          }
        >
          {card.sprint ? <span className="ml-1 rounded bg-zinc-100 px-1.5 py-0.5 text-xs text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300">{card.sprint.name}</span> : null}
        </PanelHeader>
        <RunExperimentDialog org={org} projectKey={projectKey} cardKey={card.key} open={runOpen && canWrite} onClose={() => onRunOpenChange(false)} />
        {draft.error ? (
          <Alert tone={draft.conflict ? "warning" : "error"} className="mt-4">
            <div className="flex items-center gap-3">
              <span className="flex-1">{draft.error.message}</span>
              {draft.conflict ? (
                <Button size="sm" onClick={draft.reload}>
                  <RefreshCw className="size-3.5" aria-hidden /> Reload
                </Button>
              ) : null}
            </div>
          </Alert>
        ) : null}
        <label htmlFor="card-title" className="sr-only">
          Title
        </label>
        <textarea
          id="card-title"
          rows={1}
          readOnly={ro}
          value={draft.fields.title}
          onChange={(e) => draft.edit({ title: e.target.value.replace(/\n/g, " ") })}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              draft.save();
            }
          }}
          className="mt-3 field-sizing-content w-full resize-none rounded-md border border-transparent bg-transparent px-1 py-0.5 -mx-1 text-lg leading-snug font-semibold text-zinc-900 hover:border-zinc-200 focus:border-zinc-300 dark:text-zinc-50 dark:hover:border-zinc-800"
        />

        <CardProperties org={org} projectKey={projectKey} card={card} fields={draft.fields} onEdit={draft.edit} readOnly={ro} members={members} columns={columns} />
        <CardDescription value={draft.fields.description} onChange={(description) => draft.edit({ description })} readOnly={ro} />

        <CardLinks org={org} projectKey={projectKey} cardKey={card.key} canWrite={!ro} />

        <section className="mt-8" aria-labelledby="card-jobs-heading">
          <h3 id="card-jobs-heading" className="mb-3 text-sm font-semibold">
            Jobs
          </h3>
          <CardUsageTotals org={org} cardKey={card.key} />
          <CardJobs org={org} projectKey={projectKey} cardKey={card.key} canRun={!ro} />
        </section>

        <CardComments org={org} projectKey={projectKey} card={card} canWrite={!ro} />

        <section className="mt-8" aria-labelledby="card-history-heading">
          <h3 id="card-history-heading" className="mb-3 text-sm font-semibold">
            History
          </h3>
          <CardHistory
            history={card.history}
            names={{ ...names, sprints: new Map([...names.sprints, ...card.historySprints.map((s) => [s.id, s.name] as const)]) }}
          />
        </section>
      </div>
      {draft.dirty && !ro ? (
        <div className="flex items-center justify-end gap-2 border-t border-zinc-200 bg-zinc-50 px-6 py-3 dark:border-zinc-800 dark:bg-zinc-900">
          <span className="mr-auto text-xs text-zinc-500">Unsaved changes</span>
          <Button size="sm" onClick={draft.discard}>
            Discard
          </Button>
          <Button size="sm" variant="primary" loading={draft.saving} onClick={draft.save} disabled={!draft.fields.title.trim()}>
            Save changes
          </Button>
        </div>
      ) : null}
    </>
  );
}
