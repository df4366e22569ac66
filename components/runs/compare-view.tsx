"use client";

import { useMemo, useState } from "react";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useQueries, useQuery } from "@tanstack/react-query";
import { GitCompare } from "lucide-react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/spinner";
import { Select } from "@/components/ui/select";
import { useTRPC } from "@/lib/trpc";
import { BackToRuns } from "./back-to-runs";
import { fmtNumber, runsBase, shortId, statusLabel, STATUS_TONE } from "./format";
import { MetricChart, useRunColors } from "./metric-chart";
import { usePatchSearchParams } from "./use-search-params-patch";

const TH = "border-b border-zinc-200 bg-zinc-50 px-3 py-2 text-left text-xs font-medium text-zinc-500 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-400";

/** Several runs side by side: one metric overlaid, then params and latest metrics with differences marked. */
export function CompareView({ org, projectKey }: { org: string; projectKey: string }) {
  const trpc = useTRPC();
  const sp = useSearchParams();
  const patchParams = usePatchSearchParams();
  const ids = useMemo(() => (sp.get("runs") ?? "").split(",").filter(Boolean).slice(0, 20), [sp]);
  const colors = useRunColors();
  const [onlyDiff, setOnlyDiff] = useState(false);
  const runs = useQueries({ queries: ids.map((runId) => trpc.runs.get.queryOptions({ org, key: projectKey, runId }, { retry: false })) });
  const loaded = runs.map((q) => q.data).filter((r): r is NonNullable<typeof r> => !!r);
  const metricKeys = [...new Set(loaded.flatMap((r) => r.metrics.map((m) => m.key)))].sort();
  const metric = sp.get("metric") && metricKeys.includes(sp.get("metric")!) ? sp.get("metric")! : metricKeys[0];
  const series = useQuery({
    ...trpc.runs.metricSeries.queryOptions({ org, key: projectKey, runIds: ids, metricKey: metric ?? "", maxPoints: 1000 }),
    enabled: !!metric && ids.length > 0,
  });
  const base = runsBase(org, projectKey);

  if (ids.length < 2) {
    return (
      <EmptyState icon={GitCompare} title="Pick runs to compare" action={<Link className="text-sm font-medium text-brand-700 hover:underline" href={base}>Back to runs</Link>}>
        Select two or more runs with the checkboxes in the run list, then choose Compare.
      </EmptyState>
    );
  }
  const failed = runs.find((q) => q.error);
  const paramKeys = [...new Set(loaded.flatMap((r) => r.params.map((p) => p.key)))].sort();
  const valueOf = (r: (typeof loaded)[number], k: string) => r.params.find((p) => p.key === k)?.value;
  const metricOf = (r: (typeof loaded)[number], k: string) => r.metrics.find((m) => m.key === k)?.value;
  const differs = (k: string, get: (r: (typeof loaded)[number], k: string) => unknown) => new Set(loaded.map((r) => String(get(r, k)))).size > 1;
  const shownParams = onlyDiff ? paramKeys.filter((k) => differs(k, valueOf)) : paramKeys;

  return (
    <div className="space-y-6">
      <div>
        <BackToRuns href={base} />
        <h2 className="mt-1 text-lg font-semibold">Compare {ids.length} runs</h2>
      </div>
      {failed?.error ? <Alert tone="error">{failed.error.message}</Alert> : null}

      <figure aria-label="Metric overlay" className="rounded-lg border border-zinc-200 bg-white p-4 shadow-xs dark:border-zinc-800 dark:bg-zinc-900">
        <div className="mb-3 flex flex-wrap items-center gap-3">
          <label className="text-sm font-medium" htmlFor="compare-metric">
            Metric
          </label>
          <Select
            inline
            id="compare-metric"
            value={metric ?? ""}
            onChange={(e) => patchParams({ metric: e.target.value })}
          >
            {metricKeys.map((k) => (
              <option key={k}>{k}</option>
            ))}
          </Select>
          <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-zinc-600 dark:text-zinc-400" aria-label="Legend">
            {ids.map((id, i) => (
              <li key={id} className="inline-flex items-center gap-1.5">
                <span className="inline-block h-0.5 w-4" style={{ background: colors[i % colors.length] }} />
                {loaded.find((r) => r.id === id)?.name ?? shortId(id)}
              </li>
            ))}
          </ul>
        </div>
        {!metric && loaded.length === ids.length ? (
          <p className="py-10 text-center text-sm text-zinc-500">These runs have no metrics.</p>
        ) : series.data ? (
          <MetricChart series={series.data} height={340} />
        ) : series.error ? (
          <Alert tone="error">{series.error.message}</Alert>
        ) : (
          <Skeleton className="h-80" />
        )}
      </figure>

      <div className="overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
        <table className="w-full border-collapse text-sm" aria-label="Run comparison">
          <thead>
            <tr>
              <th scope="col" className={TH}>
                <label className="inline-flex items-center gap-1.5 font-normal">
                  <input type="checkbox" className="size-3.5 accent-brand-600" checked={onlyDiff} onChange={(e) => setOnlyDiff(e.target.checked)} />
                  Only differences
                </label>
              </th>
              {loaded.map((r) => (
                <th key={r.id} scope="col" className={TH}>
                  <Link href={`${base}/${r.id}`} className="font-semibold text-zinc-900 normal-case hover:underline dark:text-zinc-100">
                    {r.name}
                  </Link>{" "}
                  <Badge tone={STATUS_TONE[r.status]} className="ml-1">
                    {statusLabel(r.status)}
                  </Badge>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <GroupRow label="Metrics (latest)" span={loaded.length + 1} />
            {metricKeys.map((k) => (
              <tr key={`m-${k}`} className={cn(differs(k, metricOf) && "bg-amber-50/60 dark:bg-amber-500/5")}>
                <td className="border-b border-zinc-100 px-3 py-1.5 font-mono text-[13px] text-zinc-600 dark:border-zinc-800/70 dark:text-zinc-400">{k}</td>
                {loaded.map((r) => (
                  <td key={r.id} className="border-b border-zinc-100 px-3 py-1.5 font-mono text-[13px] tabular-nums dark:border-zinc-800/70" title={String(metricOf(r, k) ?? "")}>
                    {fmtNumber(metricOf(r, k))}
                  </td>
                ))}
              </tr>
            ))}
            <GroupRow label="Parameters" span={loaded.length + 1} />
            {shownParams.map((k) => (
              <tr key={`p-${k}`} className={cn(differs(k, valueOf) && "bg-amber-50/60 dark:bg-amber-500/5")} data-differs={differs(k, valueOf) || undefined}>
                <td className="border-b border-zinc-100 px-3 py-1.5 font-mono text-[13px] text-zinc-600 dark:border-zinc-800/70 dark:text-zinc-400">{k}</td>
                {loaded.map((r) => (
                  <td key={r.id} className="border-b border-zinc-100 px-3 py-1.5 font-mono text-[13px] dark:border-zinc-800/70">
                    {valueOf(r, k) ?? <span className="text-zinc-400">—</span>}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function GroupRow({ label, span }: { label: string; span: number }) {
  return (
    <tr>
      <th scope="colgroup" colSpan={span} className="border-b border-zinc-200 bg-zinc-50/60 px-3 py-1.5 text-left text-[11px] font-semibold tracking-wide text-zinc-500 uppercase dark:border-zinc-800 dark:bg-zinc-900/40">
        {label}
      </th>
    </tr>
  );
}
