"use client";

import { useState, type ReactNode } from "react";
import Link from "next/link";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { format } from "date-fns";
import { Download, GitCommitHorizontal, Maximize2 } from "lucide-react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Skeleton } from "@/components/ui/spinner";
import { Table, Td, Th } from "@/components/ui/table";
import { useTRPC } from "@/lib/trpc";
import { JobLogPanel } from "@/components/jobs/job-log-panel";
import { JOB_TAG } from "@/lib/run-tags";
import { ArtifactBrowser } from "./artifact-browser";
import { BackToRuns } from "./back-to-runs";
import { fmtDuration, fmtNumber, runsBase, statusLabel, STATUS_TONE } from "./format";
import { MetricChart } from "./metric-chart";
import { useThrottledInvalidate } from "./use-live";

const SMALL_POINTS = 400;

export const csvHref = (org: string, key: string, runId: string, metric: string) =>
  `/api/runs/${org}/${key}/${runId}/metrics?key=${encodeURIComponent(metric)}`;

export function RunView({ org, projectKey, runId }: { org: string; projectKey: string; runId: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const input = { org, key: projectKey, runId };
  const run = useQuery(trpc.runs.get.queryOptions(input, { retry: false }));
  const refresh = useThrottledInvalidate(() =>
    Promise.all([qc.invalidateQueries({ queryKey: trpc.runs.get.queryKey(input) }), qc.invalidateQueries({ queryKey: trpc.runs.metricSeries.pathKey() })]),
  );
  useSubscription(trpc.runs.events.subscriptionOptions({ org, key: projectKey, runIds: [runId] }, { onData: refresh }));
  const base = runsBase(org, projectKey);

  if (run.isPending) {
    return (
      <div className="space-y-4" aria-label="Loading run">
        <Skeleton className="h-7 w-64" />
        <Skeleton className="h-24" />
        <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
          {Array.from({ length: 3 }, (_, i) => (
            <Skeleton key={i} className="h-48" />
          ))}
        </div>
      </div>
    );
  }
  if (run.error) {
    return <Alert tone="error">{run.error.data?.code === "NOT_FOUND" ? `There is no run ${runId} in ${projectKey}.` : run.error.message}</Alert>;
  }
  const r = run.data;
  const jobId = r.tags.find((t) => t.key === JOB_TAG)?.value;
  return (
    <div className="space-y-8">
      <div>
        <BackToRuns href={base} />
        <div className="mt-1 flex flex-wrap items-center gap-3">
          <h2 className="text-lg font-semibold">{r.name}</h2>
          <Badge tone={STATUS_TONE[r.status]}>{statusLabel(r.status)}</Badge>
          <span className="font-mono text-xs text-zinc-500">{r.id}</span>
        </div>
      </div>

      <dl className="grid grid-cols-2 gap-x-6 gap-y-3 rounded-lg border border-zinc-200 p-4 text-sm sm:grid-cols-3 lg:grid-cols-6 dark:border-zinc-800">
        <Item label="Experiment">
          <Link className="hover:underline" href={`${base}?exp=${r.experiment.id}`}>
            {r.experiment.name}
          </Link>
        </Item>
        <Item label="User">{r.user ?? "—"}</Item>
        <Item label="Started">{format(r.startTime, "d MMM HH:mm")}</Item>
        <Item label="Duration">{fmtDuration(r.startTime, r.endTime)}</Item>
        <Item label="Commit">
          {r.gitCommit ? (
            <span className="inline-flex items-center gap-1 font-mono text-[13px]" title={r.gitCommit}>
              <GitCommitHorizontal className="size-4 text-zinc-400" aria-hidden />
              {r.gitCommit.slice(0, 10)}
            </span>
          ) : (
            "—"
          )}
        </Item>
        <Item label="Cards">
          {r.cards.length ? (
            <span className="flex flex-wrap gap-1">
              {r.cards.map((c) => (
                <Link key={c.linkId} href={`/${org}/${c.key.split("-")[0]}/board?card=${c.key}`} title={c.title} className="font-mono text-[13px] text-brand-700 hover:underline dark:text-brand-100">
                  {c.key}
                </Link>
              ))}
            </span>
          ) : (
            "—"
          )}
        </Item>
      </dl>

      <Section title="Metrics" count={r.metrics.length}>
        {r.metrics.length === 0 ? (
          <p className="text-sm text-zinc-500">No metrics logged yet.</p>
        ) : (
          <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
            {r.metrics.map((m) => (
              <MetricCard key={m.key} org={org} projectKey={projectKey} runId={r.id} metric={m} />
            ))}
          </div>
        )}
      </Section>

      {jobId ? <JobLogPanel org={org} jobId={jobId} /> : null}

      <div className="grid gap-8 lg:grid-cols-2">
        <Section title="Parameters" count={r.params.length}>
          <KeyValueTable rows={r.params} empty="No parameters logged." />
        </Section>
        <Section title="Tags" count={r.tags.length}>
          <KeyValueTable rows={r.tags} empty="No tags." />
        </Section>
      </div>

      <Section title="Dataset inputs" count={r.inputs.length}>
        {r.inputs.length === 0 ? (
          <p className="text-sm text-zinc-500">No dataset inputs logged.</p>
        ) : (
          <Table>
            <thead>
              <tr>
                <Th>Name</Th>
                <Th>Digest</Th>
                <Th>Source</Th>
                <Th>Context</Th>
              </tr>
            </thead>
            <tbody>
              {r.inputs.map((i) => (
                <tr key={`${i.name}-${i.digest}`}>
                  <Td className="font-medium">{i.name}</Td>
                  <Td className="font-mono text-[13px]">{i.digest.slice(0, 12)}</Td>
                  <Td className="max-w-72 truncate font-mono text-[13px]" title={i.source}>
                    {i.sourceType}: {i.source}
                  </Td>
                  <Td className="text-zinc-600">{i.tags.find((t) => t.key === "mlflow.data.context")?.value ?? "—"}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Section>

      <Section title="Artifacts">
        <ArtifactBrowser org={org} projectKey={projectKey} runId={r.id} />
      </Section>
    </div>
  );
}

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-zinc-500 dark:text-zinc-400">{label}</dt>
      <dd className="mt-0.5 truncate font-medium text-zinc-900 dark:text-zinc-100">{children}</dd>
    </div>
  );
}

function Section({ title, count, children }: { title: string; count?: number; children: ReactNode }) {
  return (
    <section aria-label={title}>
      <h3 className="mb-3 text-sm font-semibold">
        {title} {count !== undefined ? <span className="font-normal text-zinc-500">{count}</span> : null}
      </h3>
      {children}
    </section>
  );
}

function KeyValueTable({ rows, empty }: { rows: { key: string; value: string }[]; empty: string }) {
  if (rows.length === 0) return <p className="text-sm text-zinc-500">{empty}</p>;
  return (
    <Table>
      <tbody>
        {rows.map((p) => (
          <tr key={p.key}>
            <Td className="w-1/3 py-1.5 font-mono text-[13px] text-zinc-600 dark:text-zinc-400">{p.key}</Td>
            <Td className="py-1.5 font-mono text-[13px] break-all">{p.value}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

function MetricCard({ org, projectKey, runId, metric }: { org: string; projectKey: string; runId: string; metric: { key: string; value: number; step: number } }) {
  const trpc = useTRPC();
  const [big, setBig] = useState(false);
  // Small multiples need fewer points than their pixel width; the enlarged chart asks for the full 1,000.
  const series = useQuery(trpc.runs.metricSeries.queryOptions({ org, key: projectKey, runIds: [runId], metricKey: metric.key, maxPoints: SMALL_POINTS }));
  const full = useQuery({ ...trpc.runs.metricSeries.queryOptions({ org, key: projectKey, runIds: [runId], metricKey: metric.key, maxPoints: 1000 }), enabled: big });
  const s = series.data?.[0];
  const bigSeries = full.data?.[0] ?? s;
  return (
    <figure aria-label={`Metric ${metric.key}`} className="rounded-lg border border-zinc-200 bg-white p-3 shadow-xs dark:border-zinc-800 dark:bg-zinc-900">
      <div className="mb-1 flex items-start gap-2">
        <div className="min-w-0 flex-1">
          <figcaption className="truncate font-mono text-[13px] font-medium">{metric.key}</figcaption>
          <p className="text-xs text-zinc-500">
            <span className="font-mono text-zinc-900 tabular-nums dark:text-zinc-100" title={String(metric.value)}>
              {fmtNumber(metric.value)}
            </span>{" "}
            at step {metric.step}
            {s && s.total > s.values.length ? ` · ${s.values.length} of ${s.total.toLocaleString()} points` : s ? ` · ${s.total} points` : ""}
          </p>
        </div>
        <a href={csvHref(org, projectKey, runId, metric.key)} className={buttonClass({ size: "sm", variant: "ghost" }) + " px-1.5"} aria-label={`Export ${metric.key} as CSV`} title="Export every point as CSV">
          <Download className="size-4" aria-hidden />
        </a>
        <button type="button" onClick={() => setBig(true)} className={buttonClass({ size: "sm", variant: "ghost" }) + " px-1.5"} aria-label={`Enlarge ${metric.key}`}>
          <Maximize2 className="size-4" aria-hidden />
        </button>
      </div>
      {s ? (
        <button type="button" className="block w-full cursor-zoom-in" onClick={() => setBig(true)} aria-label={`Enlarge ${metric.key} chart`}>
          <MetricChart series={[s]} compact />
        </button>
      ) : series.error ? (
        <Alert tone="error">{series.error.message}</Alert>
      ) : (
        <Skeleton className="h-40" />
      )}
      <Dialog open={big} onClose={() => setBig(false)} title={metric.key} className="sm:max-w-5xl">
        {bigSeries ? <MetricChart series={[bigSeries]} height={440} /> : null}
        <div className="mt-3 flex justify-end">
          <a href={csvHref(org, projectKey, runId, metric.key)} className={buttonClass({ size: "sm" })}>
            <Download className="size-4" aria-hidden />
            Export CSV
          </a>
        </div>
      </Dialog>
    </figure>
  );
}
