"use client";

import { useState } from "react";
import { useDebounced } from "@/lib/use-debounced";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { FlaskConical, GitCompare, Search } from "lucide-react";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/spinner";
import { Select } from "@/components/ui/select";
import { useTRPC } from "@/lib/trpc";
import { ColumnChooser } from "./column-chooser";
import { ConnectButton } from "./connect-panel";
import { runsBase, statusLabel } from "./format";
import { RunsTable } from "./runs-table";
import { usePatchSearchParams } from "./use-search-params-patch";
import { useThrottledInvalidate } from "./use-live";

const STATUSES = ["RUNNING", "FINISHED", "FAILED", "KILLED", "SCHEDULED"] as const;

const list = (v: string | null) => (v === null ? null : v.split(",").filter(Boolean));

export function RunsList({ org, projectKey }: { org: string; projectKey: string }) {
  const trpc = useTRPC();
  const sp = useSearchParams();
  const experimentId = sp.get("exp") ?? undefined;
  const status = (sp.get("status") as (typeof STATUSES)[number] | null) ?? undefined;
  const sort = sp.get("sort") ?? "start_time";
  const dir = sp.get("dir") === "asc" ? "asc" : "desc";
  const [q, setQ] = useState(sp.get("q") ?? "");
  const debouncedQ = useDebounced(q, 250);
  const setParams = usePatchSearchParams();

  const experiments = useQuery(trpc.runs.experiments.queryOptions({ org, key: projectKey }));
  // Column choice lives in the URL; until one is made, the first few keys are shown.
  const [keys, setKeys] = useState<{ paramKeys: string[]; metricKeys: string[] } | null>(null);
  const chosenP = list(sp.get("p")) ?? keys?.paramKeys.slice(0, 3) ?? [];
  const chosenM = list(sp.get("m")) ?? keys?.metricKeys.slice(0, 4) ?? [];
  const input = { org, key: projectKey, experimentId, status, q: debouncedQ || undefined, sort, dir, params: chosenP, metrics: chosenM, limit: 500 } as const;
  const runs = useQuery({ ...trpc.runs.list.queryOptions(input), placeholderData: keepPreviousData, retry: false });
  // Keep the last answer's keys (state set while rendering, not in an effect) so the chooser survives an error or reload.
  if (runs.data && (keys?.paramKeys !== runs.data.paramKeys || keys.metricKeys !== runs.data.metricKeys)) {
    setKeys({ paramKeys: runs.data.paramKeys, metricKeys: runs.data.metricKeys });
  }

  const qc = useQueryClient();
  const refresh = useThrottledInvalidate(() => qc.invalidateQueries({ queryKey: trpc.runs.list.pathKey() }));
  useSubscription(trpc.runs.events.subscriptionOptions({ org, key: projectKey }, { onData: refresh }));

  const [selected, setSelected] = useState<Set<string>>(new Set());
  const toggle = (id: string) => setSelected((s) => (s.has(id) ? new Set([...s].filter((x) => x !== id)) : new Set([...s, id])));

  const rows = runs.data?.runs ?? [];
  const base = runsBase(org, projectKey);
  const compareHref = `${base}/compare?runs=${[...selected].join(",")}${chosenM[0] ? `&metric=${encodeURIComponent(chosenM[0])}` : ""}`;
  const noRunsAtAll = experiments.data?.every((e) => e.runCount === 0) && !status && !debouncedQ;

  return (
    <div>
      <div className="mb-4 flex flex-wrap items-center gap-2">
        <h2 className="mr-2 text-base font-semibold">Runs</h2>
        <Select inline aria-label="Experiment" value={experimentId ?? ""} onChange={(e) => setParams({ exp: e.target.value || null })}>
          <option value="">All experiments</option>
          {experiments.data?.map((e) => (
            <option key={e.id} value={e.id}>
              {e.name} ({e.runCount})
            </option>
          ))}
        </Select>
        <Select inline aria-label="Status" value={status ?? ""} onChange={(e) => setParams({ status: e.target.value || null })}>
          <option value="">Any status</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {statusLabel(s)}
            </option>
          ))}
        </Select>
        <div className="relative min-w-56 flex-1">
          <Search className="pointer-events-none absolute top-2.5 left-2.5 size-4 text-zinc-400" aria-hidden />
          <Input
            aria-label="Filter runs"
            className="pl-8"
            placeholder="Name or id, or metrics.acc > 0.9 and params.lr = '0.01'"
            value={q}
            onChange={(e) => {
              setQ(e.target.value);
              setParams({ q: e.target.value || null });
            }}
          />
        </div>
        <ColumnChooser
          paramKeys={keys?.paramKeys ?? []}
          metricKeys={keys?.metricKeys ?? []}
          params={chosenP}
          metrics={chosenM}
          onChange={(p, m) => setParams({ p: p.join(","), m: m.join(",") })}
        />
        <Link
          href={compareHref}
          aria-disabled={selected.size < 2}
          className={cn(buttonClass({ size: "sm", variant: "primary" }), selected.size < 2 && "pointer-events-none opacity-50")}
        >
          <GitCompare className="size-4" aria-hidden />
          Compare{selected.size ? ` (${selected.size})` : ""}
        </Link>
        <ConnectButton org={org} projectKey={projectKey} />
      </div>

      {runs.error ? <Alert tone="error">{runs.error.message}</Alert> : null}
      {runs.isPending ? (
        <div className="space-y-2" aria-label="Loading runs">
          {Array.from({ length: 6 }, (_, i) => (
            <Skeleton key={i} className="h-9" />
          ))}
        </div>
      ) : rows.length === 0 && !runs.error ? (
        <EmptyState icon={FlaskConical} title={noRunsAtAll ? "No runs yet" : "No runs match"} action={noRunsAtAll ? <ConnectButton org={org} projectKey={projectKey} /> : undefined}>
          {noRunsAtAll
            ? "Point MLflow at this project and every run your training code starts shows up here, live."
            : "Change the filters or the experiment to see more runs."}
        </EmptyState>
      ) : rows.length > 0 ? (
        <RunsTable
          rows={rows}
          base={base}
          params={chosenP}
          metrics={chosenM}
          sort={sort}
          dir={dir}
          onSort={(col, d) => setParams({ sort: col, dir: d })}
          selected={selected}
          onToggle={toggle}
        />
      ) : null}
      {runs.data?.nextOffset ? <p className="mt-2 text-xs text-zinc-500">Showing the first {rows.length} runs; narrow the filter to see others.</p> : null}
    </div>
  );
}
