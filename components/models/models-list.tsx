"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { formatDistanceToNowStrict } from "date-fns";
import { Boxes } from "lucide-react";
import { errorMessage } from "@/components/forms/server-errors";
import { fmtNumber } from "@/components/runs/format";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/spinner";
import { Table, Td, Th } from "@/components/ui/table";
import { useTRPC } from "@/lib/trpc";
import type { ModelSummary } from "./types";
import { keyMetrics, modelHref, STAGE_TONE } from "./format";

type Model = ModelSummary;

export function ModelsTable({ org, projectKey, models }: { org: string; projectKey: string; models: Model[] }) {
  return (
    <Table aria-label="Models">
      <thead>
        <tr>
          <Th>Name</Th>
          <Th>Latest version</Th>
          <Th>Aliases</Th>
          <Th>Stage</Th>
          <Th>Key metric</Th>
          <Th className="text-right">Updated</Th>
        </tr>
      </thead>
      <tbody>
        {models.map((m) => {
          const latest = [...m.latestVersions].sort((a, b) => b.version - a.version)[0];
          const [metric] = keyMetrics(latest?.run?.metrics, 1);
          return (
            <tr key={m.name}>
              <Td>
                <Link href={modelHref(org, projectKey, m.name)} className="font-medium hover:underline">
                  {m.name}
                </Link>
                {m.description ? <p className="max-w-md truncate text-xs text-zinc-500">{m.description}</p> : null}
              </Td>
              <Td className="font-mono tabular-nums">{latest ? `v${latest.version}` : "—"}</Td>
              <Td>
                <div className="flex flex-wrap gap-1">
                  {m.aliases.map((a) => (
                    <Badge key={a.alias} tone="violet">
                      @{a.alias} → v{a.version}
                    </Badge>
                  ))}
                </div>
              </Td>
              <Td>{latest ? <Badge tone={STAGE_TONE[latest.stage]}>{latest.stage}</Badge> : null}</Td>
              <Td className="font-mono text-[13px] tabular-nums">{metric ? `${metric.key} ${fmtNumber(metric.value)}` : <span className="text-zinc-400">—</span>}</Td>
              <Td className="text-right text-xs whitespace-nowrap text-zinc-500">{formatDistanceToNowStrict(m.updatedAt, { addSuffix: true })}</Td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}

export function ModelsList({ org, projectKey }: { org: string; projectKey: string }) {
  const trpc = useTRPC();
  const models = useQuery(trpc.models.list.queryOptions({ org, key: projectKey }));
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-xl font-semibold">Models</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">Registered models of {projectKey}, most recently changed first.</p>
      </div>
      {models.isPending ? (
        <Skeleton className="h-32" />
      ) : models.isError ? (
        <Alert tone="error">{errorMessage(models.error)}</Alert>
      ) : models.data.length === 0 ? (
        <EmptyState icon={Boxes} title="No registered models yet">
          Log a model as a run artifact, then register it with mlflow.register_model.
        </EmptyState>
      ) : (
        <ModelsTable org={org} projectKey={projectKey} models={models.data} />
      )}
    </div>
  );
}
