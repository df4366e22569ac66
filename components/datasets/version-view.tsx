"use client";

import Link from "next/link";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { CheckCircle2, Download, Network } from "lucide-react";
import { errorMessage } from "@/components/forms/server-errors";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button, buttonClass } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/spinner";
import { Table, Td, Th } from "@/components/ui/table";
import { useTRPC } from "@/lib/trpc";
import type { DiffOut, VersionOut } from "@/server/services/datasets/schemas";
import { formatBytes } from "@/components/format";
import { dateTime, datasetHref, formatValue } from "./format";
import { DatasetTerms } from "./terms";

type Props = { org: string; projectKey: string; name: string; version: number; canMarkReady: boolean };

export function VersionView({ org, projectKey, name, version, canMarkReady }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const ref = { org, key: projectKey, name };
  const dataset = useQuery(trpc.datasets.get.queryOptions(ref));
  const v = useQuery(trpc.datasets.version.queryOptions({ ...ref, version }));
  const diff = useQuery(trpc.datasets.diff.queryOptions({ ...ref, version }));
  const mark = useMutation(trpc.datasets.markReady.mutationOptions());

  async function onMarkReady() {
    const done = await mark.mutateAsync({ ...ref, version }).catch(() => null);
    if (done) await queryClient.invalidateQueries({ queryKey: trpc.datasets.pathKey() });
  }

  if (v.isPending || dataset.isPending) return <Skeleton className="h-64" />;
  if (v.isError) return <Alert tone="error">{errorMessage(v.error)}</Alert>;
  if (dataset.isError) return <Alert tone="error">{errorMessage(dataset.error)}</Alert>;
  const data = v.data;
  return (
    <div className="space-y-6">
      <div className="flex items-start justify-between gap-4">
        <div>
          <Link href={datasetHref(org, projectKey, name)} className="font-mono text-sm text-zinc-500 hover:underline">
            {name}
          </Link>
          <h1 className="mt-1 flex items-center gap-3 text-xl font-semibold">
            Version {data.version}
            <ReadyBadge v={data} />
          </h1>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
            {data.rowCount.toLocaleString("en")} rows · {data.schema.length} columns · {data.format.toUpperCase()} · {formatBytes(data.size)}
            {data.originalFilename ? ` · ${data.originalFilename}` : ""} · uploaded {dateTime.format(data.createdAt)}
            {data.createdBy ? ` by ${data.createdBy.name}` : ""}
          </p>
          <p className="mt-0.5 font-mono text-[12px] text-zinc-500">sha256 {data.sha256}</p>
        </div>
        <div className="flex shrink-0 gap-2">
          <Link href={`${datasetHref(org, projectKey, name)}/versions/${data.version}/lineage`} className={buttonClass()}>
            <Network className="size-4" aria-hidden />
            Lineage
          </Link>
          <a href={data.downloadUrl} className={buttonClass()} download>
            <Download className="size-4" aria-hidden />
            Download
          </a>
          {canMarkReady && !data.ready ? (
            <Button variant="primary" onClick={onMarkReady} loading={mark.isPending}>
              <CheckCircle2 className="size-4" aria-hidden />
              Mark ready
            </Button>
          ) : null}
        </div>
      </div>
      {mark.error ? <Alert tone="error">{errorMessage(mark.error)}</Alert> : null}
      <DatasetTerms licence={dataset.data.licence} containsPersonalData={dataset.data.containsPersonalData} owner={dataset.data.owner.orgName} />
      <section aria-labelledby="diff-heading" className="space-y-2">
        <h2 id="diff-heading" className="text-base font-semibold">
          Changes since {data.version > 1 ? `version ${data.version - 1}` : "nothing (first version)"}
        </h2>
        {diff.isPending ? <Skeleton className="h-12" /> : diff.isError ? <Alert tone="error">{errorMessage(diff.error)}</Alert> : <DiffSummary diff={diff.data} />}
      </section>
      <section aria-labelledby="schema-heading" className="space-y-2">
        <h2 id="schema-heading" className="text-base font-semibold">
          Schema and statistics
        </h2>
        <Table aria-label="Schema">
          <thead>
            <tr>
              <Th>Column</Th>
              <Th>Type</Th>
              <Th>Missing</Th>
              <Th>Min</Th>
              <Th>Max</Th>
              <Th>Mean</Th>
              <Th>Std</Th>
              <Th>Top values</Th>
            </tr>
          </thead>
          <tbody>
            {data.stats.map((s) => (
              <tr key={s.name}>
                <Td className="font-mono font-medium">{s.name}</Td>
                <Td>
                  <Badge tone="sky">{s.type}</Badge>
                </Td>
                <Td>
                  <MissingBar missing={s.missing} rows={data.rowCount} />
                </Td>
                <Td>{formatValue(s.min)}</Td>
                <Td>{formatValue(s.max)}</Td>
                <Td>{formatValue(s.mean)}</Td>
                <Td>{formatValue(s.std)}</Td>
                <Td>{s.top ? <TopValues top={s.top} count={s.count} capped={!!s.distinctCapped} /> : null}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      </section>
    </div>
  );
}

function ReadyBadge({ v }: { v: VersionOut }) {
  if (!v.ready) return <Badge>Draft</Badge>;
  return (
    <Badge tone="green">
      <CheckCircle2 className="mr-1 size-3" aria-hidden />
      Ready{v.readyBy ? ` · marked by ${v.readyBy.name}` : ""}
      {v.readyAt ? ` on ${dateTime.format(v.readyAt)}` : ""}
    </Badge>
  );
}

function DiffSummary({ diff }: { diff: DiffOut }) {
  if (diff.against === null) return <p className="text-sm text-zinc-600 dark:text-zinc-400">This is the first version.</p>;
  const { from, change } = diff.rowCount;
  const nothing = !diff.columnsAdded.length && !diff.columnsRemoved.length && !diff.columnsRetyped.length;
  return (
    <ul aria-label="Changes" className="space-y-1 text-sm">
      <li>
        Rows: {from?.toLocaleString("en")} → {diff.rowCount.to.toLocaleString("en")} ({change !== null && change >= 0 ? "+" : ""}
        {change?.toLocaleString("en")})
      </li>
      {diff.columnsAdded.map((c) => (
        <li key={`a-${c.name}`} className="text-emerald-700 dark:text-emerald-400">
          Added column <code className="font-mono">{c.name}</code> ({c.type})
        </li>
      ))}
      {diff.columnsRemoved.map((c) => (
        <li key={`r-${c.name}`} className="text-red-700 dark:text-red-400">
          Removed column <code className="font-mono">{c.name}</code> ({c.type})
        </li>
      ))}
      {diff.columnsRetyped.map((c) => (
        <li key={`t-${c.name}`} className="text-amber-700 dark:text-amber-400">
          Retyped column <code className="font-mono">{c.name}</code>: {c.from} → {c.to}
        </li>
      ))}
      {nothing ? <li className="text-zinc-600 dark:text-zinc-400">Same columns and types.</li> : null}
    </ul>
  );
}

function MissingBar({ missing, rows }: { missing: number; rows: number }) {
  const pct = rows > 0 ? (missing / rows) * 100 : 0;
  return (
    <div className="flex items-center gap-2" title={`${pct.toFixed(1)}% missing`}>
      <span className="tabular-nums">{missing.toLocaleString("en")}</span>
      {missing > 0 ? (
        <span className="h-1.5 w-12 overflow-hidden rounded bg-zinc-200 dark:bg-zinc-800" aria-hidden>
          <span className="block h-full bg-amber-500" style={{ width: `${Math.max(pct, 2)}%` }} />
        </span>
      ) : null}
    </div>
  );
}

function TopValues({ top, count, capped }: { top: { value: string; count: number }[]; count: number; capped: boolean }) {
  return (
    <ul className="min-w-40 space-y-0.5" title={capped ? "Approximate: too many distinct values to count them all" : undefined}>
      {top.map((t) => (
        <li key={t.value} className="flex items-center gap-2 text-xs">
          <span className="h-1.5 w-10 shrink-0 overflow-hidden rounded bg-zinc-200 dark:bg-zinc-800" aria-hidden>
            <span className="block h-full bg-brand-500" style={{ width: `${count ? (t.count / count) * 100 : 0}%` }} />
          </span>
          <span className="max-w-48 truncate">{t.value}</span>
          <span className="text-zinc-500 tabular-nums">{t.count.toLocaleString("en")}</span>
        </li>
      ))}
    </ul>
  );
}
