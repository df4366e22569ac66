"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { CheckCircle2, History } from "lucide-react";
import { errorMessage } from "@/components/forms/server-errors";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/spinner";
import { Table, Td, Th } from "@/components/ui/table";
import { useTRPC } from "@/lib/trpc";
import { formatBytes } from "@/components/format";
import { dateTime, datasetHref } from "./format";
import { DatasetTerms } from "./terms";
import { UploadDropzone } from "./upload-dropzone";

export function DatasetView({ org, projectKey, name, canWrite }: { org: string; projectKey: string; name: string; canWrite: boolean }) {
  const trpc = useTRPC();
  const ref = { org, key: projectKey, name };
  const dataset = useQuery(trpc.datasets.get.queryOptions(ref));
  const versions = useQuery(trpc.datasets.versions.queryOptions(ref));
  if (dataset.isPending) return <Skeleton className="h-40" />;
  if (dataset.isError) return <Alert tone="error">{errorMessage(dataset.error)}</Alert>;
  const d = dataset.data;
  return (
    <div className="space-y-6">
      <div>
        <Link href={`/${org}/${projectKey}/pipeline`} className="text-sm text-zinc-500 hover:underline">
          Pipeline / Datasets
        </Link>
        <h1 className="mt-1 font-mono text-xl font-semibold">{d.name}</h1>
        {d.description ? <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{d.description}</p> : null}
      </div>
      <DatasetTerms licence={d.licence} containsPersonalData={d.containsPersonalData} owner={d.owner.orgName} />
      {canWrite ? <UploadDropzone org={org} projectKey={projectKey} name={name} /> : null}
      <section aria-labelledby="versions-heading" className="space-y-3">
        <h2 id="versions-heading" className="text-base font-semibold">
          Versions
        </h2>
        {versions.isPending ? (
          <Skeleton className="h-24" />
        ) : versions.isError ? (
          <Alert tone="error">{errorMessage(versions.error)}</Alert>
        ) : versions.data.length === 0 ? (
          <EmptyState icon={History} title="No versions yet">
            Upload a file above, or POST it to <code className="font-mono text-[13px]">/api/v1/orgs/{org}/projects/{projectKey}/datasets/{name}/versions</code>.
          </EmptyState>
        ) : (
          <Table aria-label="Versions">
            <thead>
              <tr>
                <Th>Version</Th>
                <Th>Rows</Th>
                <Th>Columns</Th>
                <Th>Size</Th>
                <Th>SHA-256</Th>
                <Th>Status</Th>
                <Th>Uploaded</Th>
              </tr>
            </thead>
            <tbody>
              {versions.data.map((v) => (
                <tr key={v.id}>
                  <Td>
                    <Link href={`${datasetHref(org, projectKey, name)}/versions/${v.version}`} className="font-medium hover:underline">
                      v{v.version}
                    </Link>
                  </Td>
                  <Td>{v.rowCount.toLocaleString("en")}</Td>
                  <Td>{v.columnCount}</Td>
                  <Td className="whitespace-nowrap">{formatBytes(v.size)}</Td>
                  <Td>
                    <code className="font-mono text-[12px] text-zinc-600 dark:text-zinc-400" title={v.sha256}>
                      {v.sha256.slice(0, 12)}
                    </code>
                  </Td>
                  <Td>
                    {v.ready ? (
                      <Badge tone="green">
                        <CheckCircle2 className="mr-1 size-3" aria-hidden />
                        Ready
                      </Badge>
                    ) : (
                      <Badge>Draft</Badge>
                    )}
                  </Td>
                  <Td className="whitespace-nowrap text-zinc-600 dark:text-zinc-400">
                    {dateTime.format(v.createdAt)}
                    {v.createdBy ? ` · ${v.createdBy.name}` : ""}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </section>
    </div>
  );
}
