"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { ChevronLeft } from "lucide-react";
import { errorMessage } from "@/components/forms/server-errors";
import { Alert } from "@/components/ui/alert";
import { Skeleton } from "@/components/ui/spinner";
import { useTRPC } from "@/lib/trpc";
import { LineageGraph } from "./lineage-graph";

type Props = {
  org: string;
  projectKey: string;
  kind: "model_version" | "dataset_version";
  name: string;
  version: number;
  back: { href: string; label: string };
};

/** Lineage of one model or dataset version: the graph, and the same nodes as a plain list of links. */
export function LineageView({ org, projectKey, kind, name, version, back }: Props) {
  const trpc = useTRPC();
  const graph = useQuery(trpc.models.lineage.queryOptions({ org, key: projectKey, kind, name, version }, { retry: false }));
  return (
    <div className="space-y-5">
      <div>
        <Link href={back.href} className="inline-flex items-center gap-1 text-sm text-zinc-500 hover:text-zinc-800 dark:hover:text-zinc-200">
          <ChevronLeft className="size-4" aria-hidden />
          {back.label}
        </Link>
        <h1 className="mt-1 text-xl font-semibold">
          Lineage of {name} v{version}
        </h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          Dataset versions (run inputs matched by digest) → runs → model versions registered from them. Click a node to open it.
        </p>
      </div>
      {graph.isPending ? (
        <Skeleton className="h-72" />
      ) : graph.isError ? (
        <Alert tone="error">{graph.error.data?.code === "NOT_FOUND" ? `There is no ${kind === "model_version" ? "model" : "dataset"} version ${name} v${version} in ${projectKey}.` : errorMessage(graph.error)}</Alert>
      ) : (
        <>
          <LineageGraph nodes={graph.data.nodes} edges={graph.data.edges} />
          {graph.data.nodes.length === 1 ? <p className="text-sm text-zinc-500">No run has used or produced this version yet.</p> : null}
        </>
      )}
    </div>
  );
}
