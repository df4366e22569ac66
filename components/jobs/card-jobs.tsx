"use client";

import Link from "next/link";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ExternalLink, RotateCcw, Square } from "lucide-react";
import { errorMessage } from "@/components/forms/server-errors";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Skeleton, Spinner } from "@/components/ui/spinner";
import { useTRPC } from "@/lib/trpc";
import { JOB_TONE, isActive, jobDuration, usageLine } from "./format";

/** The jobs started from a card, refreshed every 2 s while any is queued or running. */
export function CardJobs({ org, projectKey, cardKey, canRun }: { org: string; projectKey: string; cardKey: string; canRun: boolean }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const key = trpc.jobs.forCard.queryKey({ org, cardKey });
  const jobs = useQuery({
    ...trpc.jobs.forCard.queryOptions({ org, cardKey }),
    refetchInterval: (q) => (q.state.data?.some(isActive) ? 2000 : false),
  });
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: key });
    void qc.invalidateQueries({ queryKey: trpc.runs.linkState.queryKey({ org, key: projectKey }) });
  };
  const cancel = useMutation(trpc.jobs.cancel.mutationOptions({ onSettled: refresh }));
  const retry = useMutation(trpc.jobs.retry.mutationOptions({ onSettled: refresh }));
  const runsBase = `/${org}/${projectKey}/pipeline/runs`;

  if (jobs.isPending) return <Skeleton className="h-16" />;
  if (jobs.isError) return <Alert tone="error">{errorMessage(jobs.error)}</Alert>;
  if (jobs.data.length === 0) return <p className="text-sm text-zinc-400">No jobs yet.{canRun ? " Use Run experiment to queue one." : ""}</p>;
  const actionError = cancel.error ?? retry.error;
  return (
    <div className="space-y-2">
      {actionError ? <Alert tone="error">{errorMessage(actionError)}</Alert> : null}
      <ul className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800" aria-label="Card jobs">
        {jobs.data.map((j) => {
          const params = j.spec.kind === "command" ? Object.entries(j.spec.env).filter(([k]) => k.startsWith("PARAM_")) : [];
          return (
            <li key={j.id} className="px-3 py-2 text-[13px]" data-job-state={j.state} aria-label={`Job ${j.id.slice(0, 8)} ${j.state}`}>
              <div className="flex items-center gap-2">
                <Badge tone={JOB_TONE[j.state] ?? "neutral"}>
                  {isActive(j) ? <Spinner className="mr-1 size-3" /> : null}
                  {j.cancelRequested && j.state === "running" ? "cancelling" : j.state}
                </Badge>
                <span className="font-mono text-xs text-zinc-500">{j.id.slice(0, 8)}</span>
                <span className="text-xs text-zinc-500">{j.kind}</span>
                {params.length ? (
                  <span className="min-w-0 truncate font-mono text-xs text-zinc-600 dark:text-zinc-300" title={params.map(([k, v]) => `${k}=${v}`).join(" ")}>
                    {params.map(([k, v]) => `${k.slice(6).toLowerCase()}=${v}`).join(" ")}
                  </span>
                ) : null}
                <span className="ml-auto flex shrink-0 items-center gap-0.5">
                  <Link href={`${runsBase}/${j.runId}`} className="inline-flex h-7 items-center gap-1 rounded-md px-1.5 text-xs text-brand-700 hover:bg-zinc-100 dark:text-brand-100 dark:hover:bg-zinc-800">
                    Run <ExternalLink className="size-3" aria-hidden />
                  </Link>
                  {canRun && isActive(j) && !j.cancelRequested ? (
                    <Button size="sm" variant="ghost" className="h-7 px-1.5 text-xs" loading={cancel.isPending && cancel.variables?.id === j.id} onClick={() => cancel.mutate({ org, id: j.id })} aria-label={`Cancel job ${j.id.slice(0, 8)}`}>
                      <Square className="size-3" aria-hidden /> Cancel
                    </Button>
                  ) : null}
                  {canRun && (j.state === "failed" || j.state === "cancelled") ? (
                    <Button size="sm" variant="ghost" className="h-7 px-1.5 text-xs" loading={retry.isPending && retry.variables?.id === j.id} onClick={() => retry.mutate({ org, id: j.id })} aria-label={`Retry job ${j.id.slice(0, 8)}`}>
                      <RotateCcw className="size-3" aria-hidden /> Retry
                    </Button>
                  ) : null}
                </span>
              </div>
              <div className="mt-1 flex flex-wrap gap-x-3 gap-y-0.5 text-xs text-zinc-500 dark:text-zinc-400">
                <span>
                  attempt {j.attempt}/{j.maxAttempts}
                </span>
                <span>{j.runner ? `on ${j.runner.name}` : "no runner yet"}</span>
                {j.gpus ? <span>{j.gpus} GPU</span> : null}
                <span>{jobDuration(j)}</span>
                {j.usage ? <span className="tabular-nums">{usageLine(j.usage)}</span> : null}
                {j.failureReason ? <span className="text-red-600 dark:text-red-400">{j.failureReason}</span> : null}
              </div>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
