"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { ChevronLeft, Network, X } from "lucide-react";
import { errorMessage } from "@/components/forms/server-errors";
import { fmtNumber, runsBase } from "@/components/runs/format";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Skeleton } from "@/components/ui/spinner";
import { Table, Td, Th } from "@/components/ui/table";
import { Select } from "@/components/ui/select";
import { useTRPC } from "@/lib/trpc";
import type { ModelStage } from "@/db/schema";
import { dateTime, keyMetrics, shortDate, lineageHref, modelsBase, STAGE_TONE, STAGES } from "./format";
import { DescriptionEditor, SetAliasButton, useModelMutations } from "./model-actions";
import { ModelHistory } from "./model-history";
import { OnnxSignature } from "./onnx-signature";
import type { ModelVersionRow } from "./types";

type Props = { org: string; projectKey: string; name: string; canWrite: boolean };

export function ModelView({ org, projectKey, name, canWrite }: Props) {
  const trpc = useTRPC();
  const model = useQuery(trpc.models.get.queryOptions({ org, key: projectKey, name }, { retry: false }));
  const m = useModelMutations(org, projectKey, name);
  if (model.isPending) return <Skeleton className="h-64" />;
  if (model.isError) {
    return <Alert tone="error">{model.error.data?.code === "NOT_FOUND" ? `There is no model ${name} in ${projectKey}.` : errorMessage(model.error)}</Alert>;
  }
  const d = model.data;
  const mutationError = m.deleteAlias.error ?? m.transition.error;
  return (
    <div className="space-y-8">
      <div>
        <Link href={modelsBase(org, projectKey)} className="inline-flex items-center gap-1 text-sm text-zinc-500 hover:text-zinc-800 dark:hover:text-zinc-200">
          <ChevronLeft className="size-4" aria-hidden />
          Models
        </Link>
        <div className="mt-1 flex flex-wrap items-start gap-3">
          <div className="min-w-0 flex-1">
            <h1 className="text-xl font-semibold">{d.name}</h1>
            <DescriptionEditor key={d.description} org={org} projectKey={projectKey} name={d.name} description={d.description} canWrite={canWrite} />
          </div>
          {canWrite && d.versions.length ? (
            <SetAliasButton org={org} projectKey={projectKey} name={d.name} versions={d.versions.map((v) => v.version)} aliases={d.aliases.map((a) => a.alias)} />
          ) : null}
        </div>
        <div className="mt-3 flex flex-wrap items-center gap-1.5" aria-label="Aliases and tags">
          {d.aliases.map((a) => (
            <Badge key={a.alias} tone="violet" className="gap-1">
              @{a.alias} → v{a.version}
              {canWrite ? (
                <button
                  type="button"
                  aria-label={`Remove alias ${a.alias}`}
                  className="-mr-0.5 rounded hover:bg-violet-200/60 dark:hover:bg-violet-500/20"
                  onClick={() => m.deleteAlias.mutate({ ...m.ref, alias: a.alias })}
                >
                  <X className="size-3" aria-hidden />
                </button>
              ) : null}
            </Badge>
          ))}
          {d.tags.map((t) => (
            <Badge key={t.key}>
              {t.key}: {t.value}
            </Badge>
          ))}
          <span className="text-xs text-zinc-500">
            {d.versions.length} version{d.versions.length === 1 ? "" : "s"} · created {dateTime.format(d.createdAt)}
          </span>
        </div>
      </div>
      {mutationError ? <Alert tone="error">{errorMessage(mutationError)}</Alert> : null}

      <section aria-labelledby="versions-heading" className="space-y-2">
        <h2 id="versions-heading" className="text-base font-semibold">
          Versions
        </h2>
        <Table aria-label="Versions">
          <thead>
            <tr>
              <Th>Version</Th>
              <Th>Aliases</Th>
              <Th>Stage</Th>
              <Th>Created</Th>
              <Th>Source run</Th>
              <Th className="whitespace-nowrap">Key metrics</Th>
              <Th>Datasets</Th>
              <Th>Commit</Th>
            </tr>
          </thead>
          <tbody>
            {d.versions.map((v) => (
              <VersionRow key={v.version} v={v} org={org} projectKey={projectKey} name={d.name} canWrite={canWrite} />
            ))}
          </tbody>
        </Table>
      </section>

      <section aria-labelledby="signatures-heading" className="space-y-2">
        <h2 id="signatures-heading" className="text-base font-semibold">
          ONNX inputs and outputs
        </h2>
        <div className="grid gap-3 md:grid-cols-2 xl:grid-cols-3">
          {d.versions.map((v) => (
            <OnnxSignature key={v.version} version={v} />
          ))}
        </div>
      </section>

      <section aria-labelledby="history-heading" className="space-y-3">
        <h2 id="history-heading" className="text-base font-semibold">
          History
        </h2>
        <ModelHistory history={d.history} />
      </section>
    </div>
  );
}

function VersionRow({ v, org, projectKey, name, canWrite }: { v: ModelVersionRow; org: string; projectKey: string; name: string; canWrite: boolean }) {
  const m = useModelMutations(org, projectKey, name);
  return (
    <tr id={`version-${v.version}`} className="target:bg-brand-50/60 dark:target:bg-brand-500/10">
      <Td className="whitespace-nowrap">
        <span className="font-mono font-medium tabular-nums">v{v.version}</span>
        <Link
          href={lineageHref(org, projectKey, name, v.version)}
          className="ml-2 inline-flex items-center gap-1 text-xs text-brand-700 hover:underline dark:text-brand-300"
          aria-label={`Lineage of v${v.version}`}
          title="Lineage"
        >
          <Network className="size-3.5" aria-hidden />
          Lineage
        </Link>
      </Td>
      <Td>
        <div className="flex flex-wrap gap-1">
          {v.aliases.map((a) => (
            <Badge key={a} tone="violet">
              @{a}
            </Badge>
          ))}
        </div>
      </Td>
      <Td>
        {canWrite ? (
          <Select
            density="sm"
            inline
            aria-label={`Stage of v${v.version}`}
            value={v.stage}
            disabled={m.transition.isPending}
            onChange={(e) => m.transition.mutate({ ...m.ref, version: v.version, stage: e.target.value as ModelStage })}
          >
            {STAGES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </Select>
        ) : (
          <Badge tone={STAGE_TONE[v.stage]}>{v.stage}</Badge>
        )}
      </Td>
      <Td className="text-xs whitespace-nowrap text-zinc-500">{shortDate.format(v.createdAt)}</Td>
      <Td>
        {v.run ? (
          <div className="min-w-0">
            <Link href={`${runsBase(org, projectKey)}/${v.run.runId}`} className="font-medium hover:underline">
              {v.run.name}
            </Link>
            <p className="truncate text-xs text-zinc-500">{v.run.experimentName}</p>
          </div>
        ) : (
          <span className="text-zinc-400">—</span>
        )}
      </Td>
      <Td className="font-mono text-[12px] tabular-nums">
        {keyMetrics(v.run?.metrics).map((k) => (
          <div key={k.key} className="whitespace-nowrap">
            <span className="text-zinc-500">{k.key}</span> {fmtNumber(k.value)}
          </div>
        ))}
      </Td>
      <Td className="text-[13px]">
        {v.run?.datasets.map((ds) => (
          <div key={`${ds.name}-${ds.digest}`} className="whitespace-nowrap" title={`digest ${ds.digest}`}>
            {ds.name} <span className="font-mono text-xs text-zinc-400">{ds.digest.slice(0, 8)}</span>
          </div>
        ))}
      </Td>
      <Td className="font-mono text-[12px]">{v.run?.gitCommit ? v.run.gitCommit.slice(0, 7) : <span className="text-zinc-400">—</span>}</Td>
    </tr>
  );
}
