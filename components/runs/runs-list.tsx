"use client";

import { useEffect, useRef, useState } from "react";
import { useDebounced } from "@/lib/use-debounced";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useVirtualizer } from "@tanstack/react-virtual";
import { formatDistanceToNowStrict } from "date-fns";
import { ArrowDown, ArrowUp, Columns3, FlaskConical, GitCompare, Search } from "lucide-react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Menu } from "@/components/ui/menu";
import { Skeleton } from "@/components/ui/spinner";
import { Select } from "@/components/ui/select";
import { useTRPC } from "@/lib/trpc";
import { ConnectButton } from "./connect-panel";
import { fmtDuration, fmtNumber, runsBase, shortId, statusLabel, STATUS_TONE } from "./format";
import { useThrottledInvalidate } from "./use-live";

const STATUSES = ["RUNNING", "FINISHED", "FAILED", "KILLED", "SCHEDULED"] as const;
const ROW_H = 41;

const list = (v: string | null) => (v === null ? null : v.split(",").filter(Boolean));

export function RunsList({ org, projectKey }: { org: string; projectKey: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const sp = useSearchParams();
  const experimentId = sp.get("exp") ?? undefined;
  const status = (sp.get("status") as (typeof STATUSES)[number] | null) ?? undefined;
  const sort = sp.get("sort") ?? "start_time";
  const dir = sp.get("dir") === "asc" ? "asc" : "desc";
  const [q, setQ] = useState(sp.get("q") ?? "");
  const debouncedQ = useDebounced(q, 250);
  const setParams = (patch: Record<string, string | null | undefined>) => {
    const next = new URLSearchParams(sp);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    router.replace(`${pathname}?${next}`, { scroll: false });
  };

  const experiments = useQuery(trpc.runs.experiments.queryOptions({ org, key: projectKey }));
  // Column choice lives in the URL; until one is made, the first few keys are shown.
  const [keys, setKeys] = useState<{ paramKeys: string[]; metricKeys: string[] } | null>(null);
  const chosenP = list(sp.get("p")) ?? keys?.paramKeys.slice(0, 3) ?? [];
  const chosenM = list(sp.get("m")) ?? keys?.metricKeys.slice(0, 4) ?? [];
  const input = { org, key: projectKey, experimentId, status, q: debouncedQ || undefined, sort, dir, params: chosenP, metrics: chosenM, limit: 500 } as const;
  const runs = useQuery({ ...trpc.runs.list.queryOptions(input), placeholderData: keepPreviousData, retry: false });
  useEffect(() => {
    if (runs.data) setKeys({ paramKeys: runs.data.paramKeys, metricKeys: runs.data.metricKeys });
  }, [runs.data]);

  const qc = useQueryClient();
  const refresh = useThrottledInvalidate(() => qc.invalidateQueries({ queryKey: trpc.runs.list.pathKey() }));
  useSubscription(trpc.runs.events.subscriptionOptions({ org, key: projectKey }, { onData: refresh }));

  const [selected, setSelected] = useState<Set<string>>(new Set());
  const toggle = (id: string) => setSelected((s) => (s.has(id) ? new Set([...s].filter((x) => x !== id)) : new Set([...s, id])));

  const rows = runs.data?.runs ?? [];
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer's functions are not memoised; this component re-renders with it
  const virtual = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_H, overscan: 12 });
  const items = virtual.getVirtualItems();
  const padTop = items[0]?.start ?? 0;
  const padBottom = items.length ? virtual.getTotalSize() - items.at(-1)!.end : 0;
  const base = runsBase(org, projectKey);
  const compareHref = `${base}/compare?runs=${[...selected].join(",")}${chosenM[0] ? `&metric=${encodeURIComponent(chosenM[0])}` : ""}`;
  const colCount = 6 + chosenP.length + chosenM.length;

  const sortHeader = (col: string, label: string, className?: string) => {
    const active = sort === col;
    return (
      <th scope="col" aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : "none"} className={cn(TH, className)}>
        <button
          type="button"
          className="inline-flex items-center gap-1 uppercase hover:text-zinc-900 dark:hover:text-zinc-100"
          onClick={() => setParams({ sort: col, dir: active && dir === "desc" ? "asc" : "desc" })}
        >
          <span className={cn("max-w-40 truncate", col.includes(".") && "normal-case")}>{label}</span>
          {active ? dir === "asc" ? <ArrowUp className="size-3" aria-hidden /> : <ArrowDown className="size-3" aria-hidden /> : null}
        </button>
      </th>
    );
  };

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
        <div ref={scrollRef} className="max-h-[70vh] overflow-auto rounded-lg border border-zinc-200 dark:border-zinc-800" data-testid="runs-table">
          <table className="w-full border-collapse text-sm">
            <thead className="sticky top-0 z-10">
              <tr>
                <th scope="col" className={cn(TH, "w-9")}>
                  <span className="sr-only">Select</span>
                </th>
                {sortHeader("run_name", "Run")}
                {sortHeader("status", "Status")}
                {sortHeader("start_time", "Started")}
                <th scope="col" className={TH}>
                  Duration
                </th>
                <th scope="col" className={TH}>
                  User
                </th>
                {chosenM.map((k) => sortHeader(`metrics.${k}`, k, "text-right"))}
                {chosenP.map((k) => sortHeader(`params.${k}`, k))}
              </tr>
            </thead>
            <tbody>
              {padTop > 0 ? (
                <tr aria-hidden style={{ height: padTop }}>
                  <td colSpan={colCount} />
                </tr>
              ) : null}
              {items.map((vi) => {
                const r = rows[vi.index]!;
                return (
                  <tr key={r.id} style={{ height: ROW_H }} className="border-b border-zinc-100 hover:bg-zinc-50 dark:border-zinc-800/70 dark:hover:bg-zinc-900/60">
                    <td className="px-3">
                      <input type="checkbox" aria-label={`Select ${r.name}`} checked={selected.has(r.id)} onChange={() => toggle(r.id)} className="size-4 accent-brand-600" />
                    </td>
                    <td className="max-w-64 px-3 whitespace-nowrap">
                      <Link href={`${base}/${r.id}`} className="font-medium text-zinc-900 hover:text-brand-700 hover:underline dark:text-zinc-100 dark:hover:text-brand-100">
                        {r.name}
                      </Link>
                      <span className="ml-2 font-mono text-xs text-zinc-400">{shortId(r.id)}</span>
                    </td>
                    <td className="px-3">
                      <Badge tone={STATUS_TONE[r.status]}>{statusLabel(r.status)}</Badge>
                    </td>
                    <td className="px-3 whitespace-nowrap text-zinc-600 dark:text-zinc-400" title={new Date(r.startTime).toLocaleString()}>
                      {formatDistanceToNowStrict(r.startTime, { addSuffix: true })}
                    </td>
                    <td className="px-3 whitespace-nowrap text-zinc-600 tabular-nums dark:text-zinc-400">{fmtDuration(r.startTime, r.endTime)}</td>
                    <td className="max-w-32 truncate px-3 text-zinc-600 dark:text-zinc-400">{r.user ?? "—"}</td>
                    {chosenM.map((k) => (
                      <td key={k} className="px-3 text-right font-mono text-[13px] tabular-nums" title={r.metrics[k] === undefined ? undefined : String(r.metrics[k])}>
                        {fmtNumber(r.metrics[k])}
                      </td>
                    ))}
                    {chosenP.map((k) => (
                      <td key={k} className="max-w-40 truncate px-3 font-mono text-[13px]" title={r.params[k]}>
                        {r.params[k] ?? "—"}
                      </td>
                    ))}
                  </tr>
                );
              })}
              {padBottom > 0 ? (
                <tr aria-hidden style={{ height: padBottom }}>
                  <td colSpan={colCount} />
                </tr>
              ) : null}
            </tbody>
          </table>
        </div>
      ) : null}
      {runs.data?.nextOffset ? <p className="mt-2 text-xs text-zinc-500">Showing the first {rows.length} runs; narrow the filter to see others.</p> : null}
    </div>
  );
}

const TH =
  "border-b border-zinc-200 bg-zinc-50 px-3 py-2 text-left text-xs font-medium tracking-wide whitespace-nowrap text-zinc-500 uppercase dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-400";

function ColumnChooser({
  paramKeys,
  metricKeys,
  params,
  metrics,
  onChange,
}: {
  paramKeys: string[];
  metricKeys: string[];
  params: string[];
  metrics: string[];
  onChange: (params: string[], metrics: string[]) => void;
}) {
  const flip = (arr: string[], k: string) => (arr.includes(k) ? arr.filter((x) => x !== k) : [...arr, k]);
  const group = (title: string, all: string[], chosen: string[], set: (next: string[]) => void) => (
    <fieldset className="px-1 py-1">
      <legend className="px-2 py-1 text-[11px] font-semibold tracking-wide text-zinc-500 uppercase">{title}</legend>
      {all.length === 0 ? <p className="px-2 pb-1 text-xs text-zinc-400">None logged yet</p> : null}
      {all.map((k) => (
        <label key={k} className="flex cursor-pointer items-center gap-2 rounded px-2 py-1 text-sm hover:bg-zinc-100 dark:hover:bg-zinc-800">
          <input type="checkbox" data-menu-item className="size-3.5 accent-brand-600" checked={chosen.includes(k)} onChange={() => set(flip(chosen, k))} />
          <span className="truncate font-mono text-[13px]">{k}</span>
        </label>
      ))}
    </fieldset>
  );
  return (
    <Menu
      label="Columns"
      align="right"
      triggerClassName={buttonClass({ size: "sm" })}
      trigger={
        <>
          <Columns3 className="size-4" aria-hidden />
          Columns
        </>
      }
    >
      {() => (
        <div className="max-h-96 w-60 overflow-y-auto">
          {group("Metrics", metricKeys, metrics, (m) => onChange(params, m))}
          {group("Params", paramKeys, params, (p) => onChange(p, metrics))}
        </div>
      )}
    </Menu>
  );
}
