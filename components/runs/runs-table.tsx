"use client";

import { useRef } from "react";
import Link from "next/link";
import { useVirtualizer } from "@tanstack/react-virtual";
import type { inferRouterOutputs } from "@trpc/server";
import { formatDistanceToNowStrict } from "date-fns";
import { ArrowDown, ArrowUp } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import type { AppRouter } from "@/server/trpc/root";
import { fmtDuration, fmtNumber, shortId, statusLabel, STATUS_TONE } from "./format";

type RunRow = inferRouterOutputs<AppRouter>["runs"]["list"]["runs"][number];
export type SortDir = "asc" | "desc";
const ROW_H = 41;

/** The runs, virtualised (lists reach 500 rows), with sortable headers and a checkbox per run for compare. */
export function RunsTable({
  rows,
  base,
  params,
  metrics,
  sort,
  dir,
  onSort,
  selected,
  onToggle,
}: {
  rows: RunRow[];
  /** The runs page's path; a run's page is `${base}/${id}`. */
  base: string;
  params: string[];
  metrics: string[];
  sort: string;
  dir: SortDir;
  onSort: (col: string, dir: SortDir) => void;
  selected: Set<string>;
  onToggle: (id: string) => void;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer's functions are not memoised; this component re-renders with it
  const virtual = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_H, overscan: 12 });
  const items = virtual.getVirtualItems();
  const padTop = items[0]?.start ?? 0;
  const padBottom = items.length ? virtual.getTotalSize() - items.at(-1)!.end : 0;
  const colCount = 6 + params.length + metrics.length;
  const header = (col: string, label: string, className?: string) => <SortHeader key={col} col={col} label={label} className={className} sort={sort} dir={dir} onSort={onSort} />;

  return (
    <div ref={scrollRef} className="max-h-[70vh] overflow-auto rounded-lg border border-zinc-200 dark:border-zinc-800" data-testid="runs-table">
      <table className="w-full border-collapse text-sm">
        <thead className="sticky top-0 z-10">
          <tr>
            <th scope="col" className={cn(TH, "w-9")}>
              <span className="sr-only">Select</span>
            </th>
            {header("run_name", "Run")}
            {header("status", "Status")}
            {header("start_time", "Started")}
            <th scope="col" className={TH}>
              Duration
            </th>
            <th scope="col" className={TH}>
              User
            </th>
            {metrics.map((k) => header(`metrics.${k}`, k, "text-right"))}
            {params.map((k) => header(`params.${k}`, k))}
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
            return <RunTableRow key={r.id} run={r} href={`${base}/${r.id}`} params={params} metrics={metrics} checked={selected.has(r.id)} onToggle={() => onToggle(r.id)} />;
          })}
          {padBottom > 0 ? (
            <tr aria-hidden style={{ height: padBottom }}>
              <td colSpan={colCount} />
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}

function SortHeader({ col, label, className, sort, dir, onSort }: { col: string; label: string; className?: string; sort: string; dir: SortDir; onSort: (col: string, dir: SortDir) => void }) {
  const active = sort === col;
  return (
    <th scope="col" aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : "none"} className={cn(TH, className)}>
      <button type="button" className="inline-flex items-center gap-1 uppercase hover:text-zinc-900 dark:hover:text-zinc-100" onClick={() => onSort(col, active && dir === "desc" ? "asc" : "desc")}>
        <span className={cn("max-w-40 truncate", col.includes(".") && "normal-case")}>{label}</span>
        {active ? dir === "asc" ? <ArrowUp className="size-3" aria-hidden /> : <ArrowDown className="size-3" aria-hidden /> : null}
      </button>
    </th>
  );
}

function RunTableRow({ run: r, href, params, metrics, checked, onToggle }: { run: RunRow; href: string; params: string[]; metrics: string[]; checked: boolean; onToggle: () => void }) {
  return (
    <tr style={{ height: ROW_H }} className="border-b border-zinc-100 hover:bg-zinc-50 dark:border-zinc-800/70 dark:hover:bg-zinc-900/60">
      <td className="px-3">
        <input type="checkbox" aria-label={`Select ${r.name}`} checked={checked} onChange={onToggle} className="size-4 accent-brand-600" />
      </td>
      <td className="max-w-64 px-3 whitespace-nowrap">
        <Link href={href} className="font-medium text-zinc-900 hover:text-brand-700 hover:underline dark:text-zinc-100 dark:hover:text-brand-100">
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
      {metrics.map((k) => (
        <td key={k} className="px-3 text-right font-mono text-[13px] tabular-nums" title={r.metrics[k] === undefined ? undefined : String(r.metrics[k])}>
          {fmtNumber(r.metrics[k])}
        </td>
      ))}
      {params.map((k) => (
        <td key={k} className="max-w-40 truncate px-3 font-mono text-[13px]" title={r.params[k]}>
          {r.params[k] ?? "—"}
        </td>
      ))}
    </tr>
  );
}

const TH =
  "border-b border-zinc-200 bg-zinc-50 px-3 py-2 text-left text-xs font-medium tracking-wide whitespace-nowrap text-zinc-500 uppercase dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-400";
