"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { formatDistanceToNowStrict } from "date-fns";
import { ArrowRight } from "lucide-react";
import { EmptyNote, SectionHeading } from "@/components/shell/section-heading";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/spinner";
import { useTRPC } from "@/lib/trpc";
import { ConnectButton } from "./connect-panel";
import { runsBase, shortId, statusLabel, STATUS_TONE } from "./format";

/** The Pipeline page's runs section: the latest runs, a way in to all of them, and the MLflow connect panel. */
export function RunsSection({ org, projectKey }: { org: string; projectKey: string }) {
  const trpc = useTRPC();
  const runs = useQuery(trpc.runs.list.queryOptions({ org, key: projectKey, limit: 5 }));
  const base = runsBase(org, projectKey);
  return (
    <section aria-labelledby="runs-section-heading">
      <div className="mb-3 flex flex-wrap items-center gap-2">
        <SectionHeading id="runs-section-heading" title="Runs">
          Training runs logged over the MLflow API: params, metrics, inputs and artifacts.
        </SectionHeading>
        <div className="ml-auto flex gap-2">
          <ConnectButton org={org} projectKey={projectKey} />
          <Link href={base} className={buttonClass({ size: "sm" })}>
            All runs
            <ArrowRight className="size-4" aria-hidden />
          </Link>
        </div>
      </div>
      {runs.isPending ? (
        <Skeleton className="h-24" />
      ) : !runs.data?.runs.length ? (
        <EmptyNote>
          No runs yet. Choose Connect to point MLflow at {projectKey}.
        </EmptyNote>
      ) : (
        <ul className="divide-y divide-zinc-100 rounded-lg border border-zinc-200 dark:divide-zinc-800/70 dark:border-zinc-800">
          {runs.data.runs.map((r) => (
            <li key={r.id} className="flex items-center gap-3 px-4 py-2 text-sm">
              <Link href={`${base}/${r.id}`} className="font-medium hover:underline">
                {r.name}
              </Link>
              <span className="font-mono text-xs text-zinc-400">{shortId(r.id)}</span>
              <Badge tone={STATUS_TONE[r.status]}>{statusLabel(r.status)}</Badge>
              <span className="ml-auto text-xs text-zinc-500">{formatDistanceToNowStrict(r.startTime, { addSuffix: true })}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
