"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { Database, ShieldAlert } from "lucide-react";
import { errorMessage } from "@/components/forms/server-errors";
import { SectionHeading } from "@/components/shell/section-heading";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/spinner";
import { Table, Td, Th } from "@/components/ui/table";
import { useTRPC } from "@/lib/trpc";
import { dateTime, datasetHref } from "./format";
import { NewDatasetButton } from "./new-dataset-dialog";

export function DatasetsSection({ org, projectKey, canWrite }: { org: string; projectKey: string; canWrite: boolean }) {
  const trpc = useTRPC();
  const list = useQuery(trpc.datasets.list.queryOptions({ org, key: projectKey }));
  return (
    <section aria-labelledby="datasets-heading" className="space-y-4">
      <div className="flex items-end justify-between gap-4">
        <SectionHeading id="datasets-heading" title="Datasets">
          Versioned CSV and JSON Lines files with their schema, statistics and terms of use.
        </SectionHeading>
        {canWrite ? <NewDatasetButton org={org} projectKey={projectKey} /> : null}
      </div>
      {list.isPending ? (
        <Skeleton className="h-24" />
      ) : list.isError ? (
        <Alert tone="error">{errorMessage(list.error)}</Alert>
      ) : list.data.length === 0 ? (
        <EmptyState icon={Database} title="No datasets yet">
          Create a dataset, then upload its first version (CSV or JSON Lines) from the dataset page or through the API.
        </EmptyState>
      ) : (
        <Table aria-label="Datasets">
          <thead>
            <tr>
              <Th>Name</Th>
              <Th>Licence / usage</Th>
              <Th>Versions</Th>
              <Th>Created</Th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((d) => (
              <tr key={d.id}>
                <Td className="font-medium">
                  <Link href={datasetHref(org, projectKey, d.name)} className="font-mono hover:underline">
                    {d.name}
                  </Link>
                  {d.containsPersonalData ? (
                    <Badge tone="amber" className="ml-2">
                      <ShieldAlert className="mr-1 size-3" aria-hidden />
                      Personal data
                    </Badge>
                  ) : null}
                </Td>
                <Td className="max-w-xs truncate text-zinc-600 dark:text-zinc-400">{d.licence}</Td>
                <Td>{d.latestVersion ? `v${d.latestVersion}` : "none"}</Td>
                <Td className="whitespace-nowrap text-zinc-600 dark:text-zinc-400">{dateTime.format(d.createdAt)}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </section>
  );
}
