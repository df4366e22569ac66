"use client";

import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { errorMessage } from "@/components/forms/server-errors";
import { Alert } from "@/components/ui/alert";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/spinner";
import { Table, TableHead, Td } from "@/components/ui/table";
import { useTRPC } from "@/lib/trpc";

const TONE: Record<string, BadgeTone> = { queued: "neutral", running: "sky", succeeded: "green", failed: "red", cancelled: "amber" };
const time = new Intl.DateTimeFormat("en", { dateStyle: "short", timeStyle: "medium" });

export function JobsPanel({ org, canRun }: { org: string; canRun: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const jobs = useQuery({ ...trpc.jobs.list.queryOptions({ org, limit: 50 }), refetchInterval: 3000 });
  const cancel = useMutation(trpc.jobs.cancel.mutationOptions());
  const [open, setOpen] = useState<string | null>(null);

  if (jobs.isPending) return <Skeleton className="h-32" />;
  if (jobs.isError) return <Alert tone="error">{errorMessage(jobs.error)}</Alert>;
  return (
    <section aria-labelledby="jobs-heading" className="space-y-3">
      <h2 id="jobs-heading" className="text-base font-semibold">
        Jobs
      </h2>
      {jobs.data.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">No jobs yet. Open a card and choose Run experiment, or POST /api/v1/orgs/{org}/projects/&#123;key&#125;/jobs.</p>
      ) : (
        <Table aria-label="Jobs">
          <TableHead columns={["Job", "State", "Runner", "Queued", "Usage"]} actions />
          <tbody>
            {jobs.data.map((j) => (
              <tr key={j.id} className="align-top">
                <Td>
                  <div className="font-mono text-xs">{j.id.slice(0, 8)}</div>
                  <div className="text-xs text-zinc-500">
                    {j.project}
                    {j.card ? ` · ${j.card}` : ""} · {j.kind}
                    {j.gpus ? ` · ${j.gpus} GPU` : ""}
                  </div>
                </Td>
                <Td>
                  <Badge tone={TONE[j.state] ?? "neutral"}>{j.state}</Badge>
                  {j.attempt > 1 ? <span className="ml-1 text-xs text-zinc-500">attempt {j.attempt}/{j.maxAttempts}</span> : null}
                  {j.failureReason ? <div className="text-xs text-zinc-500">{j.failureReason}</div> : null}
                </Td>
                <Td className="text-sm">{j.runner?.name ?? "—"}</Td>
                <Td className="whitespace-nowrap text-xs">{time.format(j.queuedAt)}</Td>
                <Td className="whitespace-nowrap text-xs">
                  {j.usage ? `${j.usage.wallSeconds.toFixed(1)} s · ${j.usage.gpuSeconds.toFixed(0)} GPU-s · ${j.usage.energyWh.toFixed(3)} Wh · ${j.usage.cost.toFixed(2)}` : "—"}
                </Td>
                <Td className="whitespace-nowrap text-right">
                  <Button size="sm" variant="ghost" onClick={() => setOpen(open === j.id ? null : j.id)}>
                    {open === j.id ? "Hide logs" : "Logs"}
                  </Button>
                  {canRun && (j.state === "queued" || j.state === "running") && !j.cancelRequested ? (
                    <Button
                      size="sm"
                      variant="danger"
                      loading={cancel.isPending && cancel.variables?.id === j.id}
                      onClick={() => cancel.mutateAsync({ org, id: j.id }).then(() => queryClient.invalidateQueries({ queryKey: trpc.jobs.list.queryKey({ org, limit: 50 }) }), () => undefined)}
                    >
                      Cancel
                    </Button>
                  ) : null}
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {open ? <JobLogs key={open} org={org} id={open} live={jobs.data.some((j) => j.id === open && (j.state === "queued" || j.state === "running"))} /> : null}
    </section>
  );
}

/** Polls the job's logs (the newest 5000 lines) while the job is live. */
function JobLogs({ org, id, live }: { org: string; id: string; live: boolean }) {
  const trpc = useTRPC();
  const logs = useQuery({ ...trpc.jobs.logs.queryOptions({ org, id, limit: 5000 }), refetchInterval: live ? 1500 : false });
  const text = logs.data?.lines.map((l) => (l.stream === "stderr" ? l.text.replace(/^(?=.)/gm, "! ") : l.text)).join("") ?? "";
  return (
    <pre aria-label="Job logs" className="max-h-96 overflow-auto rounded-md bg-zinc-950 p-3 font-mono text-xs text-zinc-100">
      {text || (logs.isPending ? "loading…" : "no output yet")}
    </pre>
  );
}
