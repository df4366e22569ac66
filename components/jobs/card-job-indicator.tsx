"use client";

import { useParams } from "next/navigation";
import { useQuery } from "@tanstack/react-query";
import { Spinner } from "@/components/ui/spinner";
import { useTRPC } from "@/lib/trpc";

/**
 * A spinner on a board card while one of its jobs is queued or running. Jobs' runs carry the
 * runboard.card tag, so they are linked to the card and runs.linkState (shared by every card) knows them.
 */
export function CardJobIndicator({ cardKey }: { cardKey: string }) {
  const trpc = useTRPC();
  const params = useParams<{ org: string; project: string }>();
  const input = { org: params.org ?? "", key: decodeURIComponent(params.project ?? "").toUpperCase() };
  const state = useQuery({ ...trpc.runs.linkState.queryOptions(input), enabled: !!params.org && !!params.project, staleTime: 5_000 });
  const runs = state.data?.find((s) => s.cardKey === cardKey)?.runs ?? [];
  const active = runs.filter((r) => r.status === "RUNNING" || r.status === "SCHEDULED").length;
  if (!active) return null;
  const label = `${active} ${active === 1 ? "job" : "jobs"} queued or running`;
  return (
    <span title={label} aria-label={label} data-card-jobs-active={active} className="flex items-center gap-0.5 text-sky-600 dark:text-sky-400">
      <Spinner className="size-3.5" />
      {active > 1 ? <span className="text-[11px] tabular-nums">{active}</span> : null}
    </span>
  );
}
