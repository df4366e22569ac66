"use client";

import { useParams } from "next/navigation";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { Boxes, Database } from "lucide-react";
import { cn } from "@/components/ui/cn";
import { useTRPC } from "@/lib/trpc";
import { fmtNumber } from "./format";
import { useThrottledInvalidate } from "./use-live";

const DOT: Record<string, string> = {
  RUNNING: "bg-sky-500 animate-pulse",
  SCHEDULED: "bg-zinc-400",
  FINISHED: "bg-emerald-500",
  FAILED: "bg-red-500",
  KILLED: "bg-amber-500",
};

function useLinkState() {
  const trpc = useTRPC();
  const params = useParams<{ org: string; project: string }>();
  const input = { org: params.org ?? "", key: decodeURIComponent(params.project ?? "").toUpperCase() };
  return useQuery({ ...trpc.runs.linkState.queryOptions(input), enabled: !!params.org && !!params.project, staleTime: 5_000 });
}

/**
 * The newest linked run's live state on a board card: status, progress and the latest value of the
 * experiment's key metric, plus linked model versions' aliases and dataset versions' readiness. One query serves every card of the board (react-query dedupes it).
 */
export function RunLinkBadge({ cardKey }: { cardKey: string }) {
  const state = useLinkState();
  const linked = state.data?.find((s) => s.cardKey === cardKey);
  const runs = linked?.runs;
  const versions = linked?.modelVersions.length || linked?.datasetVersions.length ? <VersionBadges models={linked.modelVersions} datasets={linked.datasetVersions} /> : null;
  if (!runs?.length) return versions;
  const run = runs[0]!;
  const more = runs.length - 1;
  const label = `Run ${run.name}: ${run.status.toLowerCase()}${run.keyMetric ? `, ${run.keyMetric.key} ${run.keyMetric.value}` : ""}${run.progress !== null ? `, ${Math.round(run.progress * 100)}%` : ""}`;
  return (
    <div className="mt-2 rounded-md bg-zinc-50 px-1.5 py-1 text-[11px] text-zinc-600 dark:bg-zinc-800/60 dark:text-zinc-300" data-run-badge={run.status} title={label} aria-label={label}>
      <div className="flex items-center gap-1.5">
        <span aria-hidden className={cn("size-1.5 shrink-0 rounded-full", DOT[run.status] ?? "bg-zinc-400")} />
        <span className="min-w-0 truncate font-medium">{run.name}</span>
        {run.keyMetric ? (
          <span className="ml-auto shrink-0 font-mono tabular-nums">
            {run.keyMetric.key} {fmtNumber(run.keyMetric.value)}
          </span>
        ) : null}
        {more > 0 ? <span className="shrink-0 text-zinc-400">+{more}</span> : null}
      </div>
      {run.progress !== null && run.status === "RUNNING" ? (
        <div className="mt-1 h-1 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-700">
          <div className="h-full rounded-full bg-sky-500" style={{ width: `${Math.round(run.progress * 100)}%` }} />
        </div>
      ) : null}
      {versions}
    </div>
  );
}

type Linked = NonNullable<ReturnType<typeof useLinkState>["data"]>[number];

/** A linked model version's aliases and a linked dataset version's readiness, one line each. */
function VersionBadges({ models, datasets }: { models: Linked["modelVersions"]; datasets: Linked["datasetVersions"] }) {
  return (
    <div className="mt-1.5 space-y-0.5 text-[11px] text-zinc-600 dark:text-zinc-300">
      {models.map((m) => (
        <div key={m.id} className="flex flex-wrap items-center gap-1" data-model-badge={`${m.name} v${m.version}`}>
          <Boxes className="size-3 shrink-0 text-zinc-400" aria-hidden />
          <span className="max-w-[calc(100%-1rem)] min-w-0 truncate font-medium">
            {m.name} v{m.version}
          </span>
          <span className="ml-auto flex shrink-0 gap-1">
            {m.aliases.map((a) => (
              <span key={a} className="rounded bg-violet-50 px-1 text-violet-700 dark:bg-violet-500/15 dark:text-violet-300">
                @{a}
              </span>
            ))}
          </span>
        </div>
      ))}
      {datasets.map((d) => (
        <div key={d.id} className="flex items-center gap-1" data-dataset-badge={d.ready ? "ready" : "not-ready"}>
          <Database className="size-3 shrink-0 text-zinc-400" aria-hidden />
          <span className="min-w-0 truncate font-medium">
            {d.name} v{d.version}
          </span>
          <span className={cn("ml-auto shrink-0", d.ready ? "text-emerald-600 dark:text-emerald-400" : "text-zinc-400")}>{d.ready ? "ready ✓" : "not ready"}</span>
        </div>
      ))}
    </div>
  );
}

/**
 * Mounted once by the board: refreshes the badges, and the open card's Links, when a run logs or is
 * tagged with a card, without reloading the board.
 */
export function RunLinkLive({ org, projectKey }: { org: string; projectKey: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const refresh = useThrottledInvalidate(
    () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: trpc.runs.linkState.queryKey({ org, key: projectKey }) }),
        qc.invalidateQueries({ queryKey: trpc.runs.links.list.pathKey() }),
      ]),
    1500,
  );
  useSubscription(trpc.runs.events.subscriptionOptions({ org, key: projectKey }, { onData: refresh }));
  return null;
}
