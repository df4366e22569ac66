"use client";

import { useState } from "react";
import { useQueries } from "@tanstack/react-query";
import { History } from "lucide-react";
import { errorMessage } from "@/components/forms/server-errors";
import { SectionHeading } from "@/components/shell/section-heading";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/spinner";
import { Table, Td, Th } from "@/components/ui/table";
import { useTRPC } from "@/lib/trpc";
import { describeAuditEvent } from "./audit-actions";

const PAGE = 25;
const dateTime = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "medium" });

export function AuditPanel({ org }: { org: string }) {
  const trpc = useTRPC();
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const pages = useQueries({
    queries: cursors.map((before) => trpc.audit.list.queryOptions({ org, limit: PAGE, before })),
  });
  const events = pages.flatMap((p) => p.data ?? []);
  const last = pages.at(-1);
  const first = pages[0];
  const hasMore = last?.data?.length === PAGE;

  function loadMore() {
    const oldest = events.at(-1);
    if (oldest) setCursors((c) => [...c, oldest.createdAt.toISOString()]);
  }

  return (
    <section aria-labelledby="audit-heading">
      <SectionHeading id="audit-heading" title="Audit log" className="mb-4">
        Who did what, newest first: sign-ins, membership changes, API tokens and projects.
      </SectionHeading>
      {first?.isPending ? (
        <Skeleton className="h-64" />
      ) : first?.isError ? (
        <Alert tone="error">{errorMessage(first.error)}</Alert>
      ) : events.length === 0 ? (
        <EmptyState icon={History} title="No events yet" />
      ) : (
        <>
          <Table aria-label="Audit events">
            <thead>
              <tr>
                <Th className="w-1/4">Who</Th>
                <Th>What</Th>
                <Th className="w-56">When</Th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => {
                const { label, detail } = describeAuditEvent(e.action, e.data);
                return (
                  <tr key={e.id}>
                    <Td>
                      {e.actorName ? (
                        <>
                          <div className="font-medium">{e.actorName}</div>
                          <div className="text-[13px] text-zinc-500 dark:text-zinc-400">{e.actorEmail}</div>
                        </>
                      ) : (
                        <span className="text-zinc-500">System</span>
                      )}
                    </Td>
                    <Td>
                      <div>{label}</div>
                      {detail ? <div className="text-[13px] text-zinc-500 dark:text-zinc-400">{detail}</div> : null}
                    </Td>
                    <Td className="whitespace-nowrap text-zinc-600 dark:text-zinc-400">
                      <time dateTime={e.createdAt.toISOString()}>{dateTime.format(e.createdAt)}</time>
                    </Td>
                  </tr>
                );
              })}
            </tbody>
          </Table>
          {last?.isError ? (
            <Alert tone="error" className="mt-3">
              {errorMessage(last.error)}
            </Alert>
          ) : null}
          <div className="mt-4 flex justify-center">
            {hasMore ? (
              <Button onClick={loadMore} loading={last?.isFetching}>
                Load more
              </Button>
            ) : (
              <p className="text-[13px] text-zinc-500">That is everything.</p>
            )}
          </div>
        </>
      )}
    </section>
  );
}
