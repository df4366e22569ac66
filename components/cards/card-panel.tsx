"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Check, Link2, Play, RefreshCw, X } from "lucide-react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Textarea } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/spinner";
import { useTRPC } from "@/lib/trpc";
import type { CardDetail } from "@/components/board/types";
import { typeMeta, type CARD_TYPES, type PRIORITIES, type STAGES } from "./card-meta";
import { MemberOptions, PriorityOptions, RoleOptions, StageOptions, TypeOptions } from "./card-options";
import { CardHistory, type HistoryNames } from "./card-history";
import { Markdown } from "./markdown";
import { CardLinks } from "@/components/runs/card-links";
import { CardUsageTotals } from "@/components/billing/usage-totals";
import { CardJobs } from "@/components/jobs/card-jobs";
import { RUN_EXPERIMENT_EVENT, RunExperimentDialog } from "@/components/jobs/run-experiment-dialog";
import { selectClass as baseSelect } from "./new-card-dialog";

const selectClass = cn(baseSelect, "h-8 text-[13px]");

type Fields = {
  title: string;
  description: string;
  type: string;
  stage: string;
  role: string;
  assigneeId: string;
  points: string;
  priority: string;
  labels: string;
  dueDate: string;
};

function fieldsOf(c: CardDetail): Fields {
  return {
    title: c.title,
    description: c.description,
    type: c.type,
    stage: c.stage ?? "",
    role: c.role ?? "",
    assigneeId: c.assigneeId ?? "",
    points: c.points === null ? "" : String(c.points),
    priority: c.priority,
    labels: c.labels.join(", "),
    dueDate: c.dueDate ?? "",
  };
}

function toInput(f: Fields) {
  return {
    title: f.title.trim(),
    description: f.description,
    type: f.type as (typeof CARD_TYPES)[number],
    stage: (f.stage || null) as (typeof STAGES)[number] | null,
    role: (f.role || null) as "developer" | null,
    assigneeId: f.assigneeId || null,
    points: f.points === "" ? null : Number(f.points),
    priority: f.priority as (typeof PRIORITIES)[number],
    labels: f.labels.split(",").map((l) => l.trim()).filter(Boolean),
    dueDate: f.dueDate || null,
  };
}

/**
 * The card side panel: edit every field (saved together with the version it was opened at, so a
 * concurrent change is refused rather than overwritten), comment, and read the full history.
 */
export function CardPanel({
  org,
  projectKey,
  cardKey,
  canWrite,
  members,
  names,
  columns,
  onClose,
}: {
  org: string;
  projectKey: string;
  cardKey: string;
  canWrite: boolean;
  members: { userId: string; name: string }[];
  names: HistoryNames;
  columns: { id: string; name: string }[];
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const card = useQuery(trpc.cards.get.queryOptions({ org, cardKey }, { retry: false }));
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
        if (e.key === "Escape" && !["INPUT", "TEXTAREA", "SELECT"].includes(t.tagName)) onClose();
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
          <PanelHeader cardKey={cardKey} onClose={onClose} />
          <Alert tone="error" className="mt-4">
            {card.error.data?.code === "NOT_FOUND" ? `There is no card ${cardKey} here.` : card.error.message}
          </Alert>
        </div>
      ) : (
        <CardEditor
          key={card.data.key}
          org={org}
          projectKey={projectKey}
          card={card.data}
          canWrite={canWrite}
          members={members}
          names={names}
          columns={columns}
          onClose={onClose}
          onReload={() => card.refetch()}
        />
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

function Prop({ label, htmlFor, children }: { label: string; htmlFor: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[7rem_1fr] items-center gap-2">
      <label htmlFor={htmlFor} className="text-[13px] text-zinc-500 dark:text-zinc-400">
        {label}
      </label>
      {children}
    </div>
  );
}

function CardEditor({
  org,
  projectKey,
  card,
  canWrite,
  members,
  names,
  columns,
  onClose,
  onReload,
}: {
  org: string;
  projectKey: string;
  card: CardDetail;
  canWrite: boolean;
  members: { userId: string; name: string }[];
  names: HistoryNames;
  columns: { id: string; name: string }[];
  onClose: () => void;
  onReload: () => Promise<unknown>;
}) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  // null = not edited: the form follows the server (live updates); otherwise the edit and the version it started from.
  const [draft, setDraft] = useState<{ fields: Fields; version: number } | null>(null);
  const [tab, setTab] = useState<"write" | "preview">("preview");
  const [comment, setComment] = useState("");
  const [running, setRunning] = useState(false);
  useEffect(() => {
    if (!canWrite) return;
    const open = (e: Event) => (e as CustomEvent<string>).detail === card.key && setRunning(true);
    window.addEventListener(RUN_EXPERIMENT_EVENT, open);
    return () => window.removeEventListener(RUN_EXPERIMENT_EVENT, open);
  }, [canWrite, card.key]);
  const f = draft?.fields ?? fieldsOf(card);
  const set = (patch: Partial<Fields>) => setDraft((d) => ({ fields: { ...(d?.fields ?? fieldsOf(card)), ...patch }, version: d?.version ?? card.version }));

  const invalidate = () => {
    void qc.invalidateQueries({ queryKey: trpc.cards.get.queryKey({ org, cardKey: card.key }) });
    void qc.invalidateQueries({ queryKey: trpc.board.get.queryKey({ org, key: projectKey }) });
  };
  const update = useMutation(
    trpc.cards.update.mutationOptions({
      onSuccess: () => {
        setDraft(null);
        invalidate();
      },
    }),
  );
  const move = useMutation(trpc.cards.move.mutationOptions({ onSettled: invalidate }));
  const addComment = useMutation(
    trpc.cards.comment.mutationOptions({
      onSuccess: () => {
        setComment("");
        invalidate();
      },
    }),
  );

  const save = () => {
    if (!draft) return;
    const next = toInput(draft.fields);
    const base = toInput(fieldsOf(card));
    const changed = Object.fromEntries(Object.entries(next).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(base[k as keyof typeof base])));
    if (Object.keys(changed).length === 0) return setDraft(null);
    update.mutate({ org, cardKey: card.key, expectedVersion: draft.version, ...changed });
  };
  const conflict = update.error?.data?.code === "CONFLICT";
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
              <Button size="sm" onClick={() => setRunning(true)}>
                <Play className="size-3.5" aria-hidden /> Run experiment
              </Button>
            ) : null
          }
        >
          {card.sprint ? <span className="ml-1 rounded bg-zinc-100 px-1.5 py-0.5 text-xs text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300">{card.sprint.name}</span> : null}
        </PanelHeader>
        <RunExperimentDialog org={org} projectKey={projectKey} cardKey={card.key} open={running} onClose={() => setRunning(false)} />
        {update.error ? (
          <Alert tone={conflict ? "warning" : "error"} className="mt-4">
            <div className="flex items-center gap-3">
              <span className="flex-1">{update.error.message}</span>
              {conflict ? (
                <Button
                  size="sm"
                  onClick={() => {
                    void onReload().then(() => {
                      setDraft(null);
                      update.reset();
                    });
                  }}
                >
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
          value={f.title}
          onChange={(e) => set({ title: e.target.value.replace(/\n/g, " ") })}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              save();
            }
          }}
          className="mt-3 field-sizing-content w-full resize-none rounded-md border border-transparent bg-transparent px-1 py-0.5 -mx-1 text-lg leading-snug font-semibold text-zinc-900 hover:border-zinc-200 focus:border-zinc-300 dark:text-zinc-50 dark:hover:border-zinc-800"
        />

        <div className="mt-4 space-y-2">
          <Prop label="Status" htmlFor="card-status">
            <select
              id="card-status"
              className={selectClass}
              disabled={ro || move.isPending}
              value={card.column.id}
              onChange={(e) => move.mutate({ org, cardKey: card.key, column: e.target.value })}
            >
              {columns.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </Prop>
          {move.error ? <Alert tone="error">{move.error.message}</Alert> : null}
          <Prop label="Type" htmlFor="card-type">
            <select id="card-type" className={selectClass} disabled={ro} value={f.type} onChange={(e) => set({ type: e.target.value })}>
              <TypeOptions />
            </select>
          </Prop>
          <Prop label="CD4ML stage" htmlFor="card-stage">
            <select id="card-stage" className={selectClass} disabled={ro} value={f.stage} onChange={(e) => set({ stage: e.target.value })}>
              <StageOptions empty="None" />
            </select>
          </Prop>
          <Prop label="Role" htmlFor="card-role">
            <select id="card-role" className={selectClass} disabled={ro} value={f.role} onChange={(e) => set({ role: e.target.value })}>
              <RoleOptions empty="No role" />
            </select>
          </Prop>
          <Prop label="Assignee" htmlFor="card-assignee">
            <select id="card-assignee" className={selectClass} disabled={ro} value={f.assigneeId} onChange={(e) => set({ assigneeId: e.target.value })}>
              <option value="">Unassigned</option>
              {card.assignee && !members.some((m) => m.userId === card.assignee!.id) ? <option value={card.assignee.id}>{card.assignee.name}</option> : null}
              <MemberOptions members={members} />
            </select>
          </Prop>
          <Prop label="Points" htmlFor="card-points">
            <input id="card-points" type="number" min={0} max={1000} className={selectClass} readOnly={ro} value={f.points} onChange={(e) => set({ points: e.target.value })} />
          </Prop>
          <Prop label="Priority" htmlFor="card-priority">
            <select id="card-priority" className={selectClass} disabled={ro} value={f.priority} onChange={(e) => set({ priority: e.target.value })}>
              <PriorityOptions />
            </select>
          </Prop>
          <Prop label="Labels" htmlFor="card-labels">
            <input id="card-labels" className={selectClass} readOnly={ro} placeholder="drift, gpu" value={f.labels} onChange={(e) => set({ labels: e.target.value })} />
          </Prop>
          <Prop label="Due date" htmlFor="card-due">
            <input id="card-due" type="date" className={selectClass} readOnly={ro} value={f.dueDate} onChange={(e) => set({ dueDate: e.target.value })} />
          </Prop>
        </div>

        <section className="mt-6" aria-labelledby="card-description-heading">
          <div className="mb-2 flex items-center gap-3">
            <h3 id="card-description-heading" className="text-sm font-semibold">
              Description
            </h3>
            {!ro ? (
              <div role="tablist" aria-label="Description mode" className="flex gap-1 text-xs">
                {(["write", "preview"] as const).map((t) => (
                  <button
                    key={t}
                    type="button"
                    role="tab"
                    aria-selected={tab === t}
                    onClick={() => setTab(t)}
                    className={cn("rounded px-2 py-0.5 capitalize", tab === t ? "bg-zinc-200 font-medium dark:bg-zinc-800" : "text-zinc-500 hover:bg-zinc-100 dark:hover:bg-zinc-900")}
                  >
                    {t === "write" ? "Edit" : "Preview"}
                  </button>
                ))}
              </div>
            ) : null}
          </div>
          {tab === "write" && !ro ? (
            <Textarea aria-label="Description" rows={8} value={f.description} onChange={(e) => set({ description: e.target.value })} placeholder="Markdown: **bold**, - lists, `code`, tables…" />
          ) : f.description ? (
            <Markdown>{f.description}</Markdown>
          ) : (
            <p className="text-sm text-zinc-400">{ro ? "No description." : "No description yet. Choose Edit to write one."}</p>
          )}
        </section>

        <CardLinks org={org} projectKey={projectKey} cardKey={card.key} canWrite={!ro} />

        <section className="mt-8" aria-labelledby="card-jobs-heading">
          <h3 id="card-jobs-heading" className="mb-3 text-sm font-semibold">
            Jobs
          </h3>
          <CardUsageTotals org={org} cardKey={card.key} />
          <CardJobs org={org} projectKey={projectKey} cardKey={card.key} canRun={!ro} />
        </section>

        <section className="mt-8" aria-labelledby="card-comments-heading">
          <h3 id="card-comments-heading" className="mb-3 text-sm font-semibold">
            Comments <span className="font-normal text-zinc-500">{card.comments.length}</span>
          </h3>
          <ul className="space-y-3">
            {card.comments.map((c) => (
              <li key={c.id} className="rounded-lg border border-zinc-200 px-3 py-2 dark:border-zinc-800">
                <p className="mb-1 text-xs text-zinc-500">
                  <span className="font-medium text-zinc-700 dark:text-zinc-300">{c.authorName ?? "Someone"}</span> · {new Date(c.createdAt).toLocaleString()}
                </p>
                <Markdown>{c.body}</Markdown>
              </li>
            ))}
          </ul>
          {!ro ? (
            <form
              className="mt-3 space-y-2"
              onSubmit={(e) => {
                e.preventDefault();
                if (comment.trim()) addComment.mutate({ org, cardKey: card.key, body: comment });
              }}
            >
              <Textarea aria-label="New comment" rows={2} value={comment} onChange={(e) => setComment(e.target.value)} placeholder="Leave a comment (markdown)" />
              {addComment.error ? <Alert tone="error">{addComment.error.message}</Alert> : null}
              <div className="flex justify-end">
                <Button type="submit" size="sm" loading={addComment.isPending} disabled={!comment.trim()}>
                  Comment
                </Button>
              </div>
            </form>
          ) : null}
        </section>

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
      {draft && !ro ? (
        <div className="flex items-center justify-end gap-2 border-t border-zinc-200 bg-zinc-50 px-6 py-3 dark:border-zinc-800 dark:bg-zinc-900">
          <span className="mr-auto text-xs text-zinc-500">Unsaved changes</span>
          <Button
            size="sm"
            onClick={() => {
              setDraft(null);
              update.reset();
            }}
          >
            Discard
          </Button>
          <Button size="sm" variant="primary" loading={update.isPending} onClick={save} disabled={!f.title.trim()}>
            Save changes
          </Button>
        </div>
      ) : null}
    </>
  );
}
