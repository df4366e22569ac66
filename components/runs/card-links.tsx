"use client";

import { useState, type ReactNode } from "react";
import { useDebounced } from "@/lib/use-debounced";
import Link from "next/link";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Database, FlaskConical, GitCommitHorizontal, Boxes, Plus, X } from "lucide-react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { useTRPC } from "@/lib/trpc";
import { datasetHref } from "@/components/datasets/format";
import { modelHref } from "@/components/models/format";
import { runsBase, shortId, statusLabel, STATUS_TONE } from "./format";

const KIND_ICON = { run: FlaskConical, dataset_version: Database, model_version: Boxes, commit: GitCommitHorizontal } as const;
const KIND_LABEL = { run: "Run", dataset_version: "Dataset version", model_version: "Model version", commit: "Commit" } as const;

/** The card panel's Links section: what the card is linked to, and pickers to link runs, dataset versions and model versions. */
export function CardLinks({ org, projectKey, cardKey, canWrite }: { org: string; projectKey: string; cardKey: string; canWrite: boolean }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const links = useQuery(trpc.runs.links.list.queryOptions({ org, cardKey }));
  const [picking, setPicking] = useState<"run" | "dataset_version" | "model_version" | null>(null);
  const invalidate = () =>
    Promise.all([qc.invalidateQueries({ queryKey: trpc.runs.links.list.queryKey({ org, cardKey }) }), qc.invalidateQueries({ queryKey: trpc.runs.linkState.pathKey() })]);
  const unlink = useMutation(trpc.runs.links.delete.mutationOptions({ onSuccess: invalidate }));
  return (
    <section className="mt-8" aria-labelledby="card-links-heading">
      <div className="mb-3 flex items-center justify-between">
        <h3 id="card-links-heading" className="text-sm font-semibold">
          Links <span className="font-normal text-zinc-500">{links.data?.length ?? ""}</span>
        </h3>
        {canWrite && !picking ? (
          <div className="flex gap-0.5">
            <Button size="sm" variant="ghost" onClick={() => setPicking("run")}>
              <Plus className="size-4" aria-hidden />
              Link a run
            </Button>
            <Button size="sm" variant="ghost" onClick={() => setPicking("dataset_version")} aria-label="Link a dataset version">
              <Database className="size-4" aria-hidden />
            </Button>
            <Button size="sm" variant="ghost" onClick={() => setPicking("model_version")} aria-label="Link a model version">
              <Boxes className="size-4" aria-hidden />
            </Button>
          </div>
        ) : null}
      </div>
      {links.error ? <Alert tone="error">{links.error.message}</Alert> : null}
      {links.data?.length === 0 && !picking ? <p className="text-sm text-zinc-400">No runs, datasets or models linked. Tag a run with runboard.card={cardKey} to link it from code.</p> : null}
      <ul className="space-y-1.5">
        {links.data?.map((l) => {
          const Icon = KIND_ICON[l.kind];
          return (
            <li key={l.id} className="flex items-center gap-2 rounded-md border border-zinc-200 px-2.5 py-1.5 text-sm dark:border-zinc-800">
              <Icon className="size-4 shrink-0 text-zinc-400" aria-label={KIND_LABEL[l.kind]} />
              {l.kind === "run" && l.run ? (
                <>
                  <Link href={`${runsBase(org, l.run.projectKey)}/${l.target}`} className="truncate font-medium hover:underline">
                    {l.run.name}
                  </Link>
                  <span className="truncate text-xs text-zinc-500">{l.run.experimentName}</span>
                  <Badge tone={STATUS_TONE[l.run.status]} className="ml-auto">
                    {statusLabel(l.run.status)}
                  </Badge>
                </>
              ) : l.kind === "dataset_version" && l.datasetVersion ? (
                <>
                  <Link href={`${datasetHref(org, l.datasetVersion.projectKey, l.datasetVersion.name)}/versions/${l.datasetVersion.version}`} className="truncate font-medium hover:underline">
                    {l.datasetVersion.name} v{l.datasetVersion.version}
                  </Link>
                  <Badge tone={l.datasetVersion.ready ? "green" : "neutral"} className="ml-auto">
                    {l.datasetVersion.ready ? "Ready" : "Not ready"}
                  </Badge>
                </>
              ) : l.kind === "model_version" && l.modelVersion ? (
                <>
                  <Link href={`${modelHref(org, l.modelVersion.projectKey, l.modelVersion.name)}#version-${l.modelVersion.version}`} className="truncate font-medium hover:underline">
                    {l.modelVersion.name} v{l.modelVersion.version}
                  </Link>
                  <span className="ml-auto flex gap-1">
                    {l.modelVersion.aliases.map((a) => (
                      <Badge key={a} tone="violet">
                        @{a}
                      </Badge>
                    ))}
                  </span>
                </>
              ) : (
                <span className="truncate font-mono text-[13px]">{l.kind === "commit" ? l.target.slice(0, 10) : l.target}</span>
              )}
              {canWrite ? (
                <button
                  type="button"
                  aria-label={`Unlink ${l.run?.name ?? (l.datasetVersion ? `${l.datasetVersion.name} v${l.datasetVersion.version}` : l.modelVersion ? `${l.modelVersion.name} v${l.modelVersion.version}` : l.target)}`}
                  className={`${l.run || l.datasetVersion || l.modelVersion ? "" : "ml-auto"} rounded p-0.5 text-zinc-400 hover:bg-zinc-100 hover:text-zinc-700 dark:hover:bg-zinc-800`}
                  onClick={() => unlink.mutate({ org, cardKey, linkId: l.id })}
                >
                  <X className="size-3.5" aria-hidden />
                </button>
              ) : null}
            </li>
          );
        })}
      </ul>
      {picking === "run" ? (
        <RunPicker org={org} projectKey={projectKey} cardKey={cardKey} linked={new Set(links.data?.map((l) => l.target))} onDone={() => setPicking(null)} onLinked={invalidate} />
      ) : picking ? (
        <VersionPicker kind={picking} org={org} projectKey={projectKey} cardKey={cardKey} linked={new Set(links.data?.map((l) => l.target))} onDone={() => setPicking(null)} onLinked={invalidate} />
      ) : null}
    </section>
  );
}

type PickerProps = { org: string; projectKey: string; cardKey: string; linked: Set<string>; onDone: () => void; onLinked: () => Promise<unknown> };

function RunPicker(props: PickerProps) {
  const trpc = useTRPC();
  const [q, setQ] = useState("");
  const debounced = useDebounced(q.trim(), 200);
  const found = useQuery(trpc.runs.list.queryOptions({ org: props.org, key: props.projectKey, q: debounced || undefined, limit: 8 }));
  const items = found.data?.runs.map((r) => ({
    id: r.id,
    title: r.name,
    extra: <span className="font-mono text-xs text-zinc-400">{shortId(r.id)}</span>,
    detail: statusLabel(r.status),
  }));
  return <LinkPicker {...props} kind="run" noun="runs" placeholder="Search runs by name or id" q={q} onQ={setQ} items={items} />;
}

/** Picks a dataset version or a model version of the card's project, searched by name. */
function VersionPicker({ kind, ...props }: PickerProps & { kind: "dataset_version" | "model_version" }) {
  const trpc = useTRPC();
  const [q, setQ] = useState("");
  const debounced = useDebounced(q.trim(), 200);
  const found = useQuery(trpc.models.linkTargets.queryOptions({ org: props.org, key: props.projectKey, kind, q: debounced || undefined, limit: 8 }));
  const noun = kind === "dataset_version" ? "dataset versions" : "model versions";
  const items = found.data?.map((v) => ({
    id: v.id,
    title: `${v.name} v${v.version}`,
    extra: v.aliases.map((a) => (
      <span key={a} className="text-xs text-violet-600 dark:text-violet-300">
        @{a}
      </span>
    )),
    detail: v.detail,
  }));
  return <LinkPicker {...props} kind={kind} noun={noun} placeholder={`Search ${noun} by name`} q={q} onQ={setQ} items={items} />;
}

/** The search box, result list and link action both pickers share; a linked item stays listed but disabled. */
function LinkPicker({
  org,
  cardKey,
  kind,
  noun,
  placeholder,
  q,
  onQ,
  items,
  linked,
  onDone,
  onLinked,
}: PickerProps & {
  kind: "run" | "dataset_version" | "model_version";
  /** Plural, as in "Search runs to link". */
  noun: string;
  placeholder: string;
  q: string;
  onQ: (q: string) => void;
  items: { id: string; title: string; extra: ReactNode; detail: string }[] | undefined;
}) {
  const trpc = useTRPC();
  const link = useMutation(trpc.runs.links.create.mutationOptions({ onSuccess: () => onLinked() }));
  const Icon = KIND_ICON[kind];
  return (
    <div className="mt-2 rounded-md border border-zinc-200 p-2 dark:border-zinc-800">
      <div className="flex gap-2">
        <Input autoFocus aria-label={`Search ${noun} to link`} placeholder={placeholder} value={q} onChange={(e) => onQ(e.target.value)} className="h-8" />
        <Button size="sm" onClick={onDone}>
          Done
        </Button>
      </div>
      {link.error ? <Alert tone="error" className="mt-2">{link.error.message}</Alert> : null}
      <ul className="mt-1 max-h-56 overflow-y-auto" aria-label={`Matching ${noun}`}>
        {items?.map((item) => (
          <li key={item.id}>
            <button
              type="button"
              disabled={linked.has(item.id) || link.isPending}
              onClick={() => link.mutate({ org, cardKey, kind, target: item.id })}
              className="flex w-full items-center gap-2 rounded px-2 py-1.5 text-left text-sm hover:bg-zinc-100 disabled:opacity-50 dark:hover:bg-zinc-800"
            >
              <Icon className="size-3.5 text-zinc-400" aria-hidden />
              <span className="truncate font-medium">{item.title}</span>
              {item.extra}
              <span className="ml-auto text-xs text-zinc-500">{linked.has(item.id) ? "Linked" : item.detail}</span>
            </button>
          </li>
        ))}
        {items?.length === 0 ? <li className="px-2 py-2 text-sm text-zinc-500">No {noun} match.</li> : null}
      </ul>
    </div>
  );
}
