"use client";

import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { ChevronRight, Download, File, Folder } from "lucide-react";
import { Alert } from "@/components/ui/alert";
import { Skeleton } from "@/components/ui/spinner";
import { useTRPC } from "@/lib/trpc";
import { formatBytes } from "@/components/format";

/** Folders of a run's artifacts, one level at a time; files download through a route that checks access. */
export function ArtifactBrowser({ org, projectKey, runId }: { org: string; projectKey: string; runId: string }) {
  const trpc = useTRPC();
  const [path, setPath] = useState("");
  const entries = useQuery(trpc.runs.artifacts.queryOptions({ org, key: projectKey, runId, path }));
  const crumbs = path ? path.split("/") : [];
  return (
    <div className="rounded-lg border border-zinc-200 dark:border-zinc-800">
      <nav aria-label="Artifact path" className="flex flex-wrap items-center gap-1 border-b border-zinc-200 px-3 py-2 text-sm dark:border-zinc-800">
        <button type="button" className="font-medium hover:underline" onClick={() => setPath("")}>
          artifacts
        </button>
        {crumbs.map((c, i) => (
          <span key={i} className="inline-flex items-center gap-1">
            <ChevronRight className="size-3.5 text-zinc-400" aria-hidden />
            <button type="button" className="hover:underline" onClick={() => setPath(crumbs.slice(0, i + 1).join("/"))}>
              {c}
            </button>
          </span>
        ))}
      </nav>
      {entries.isPending ? (
        <div className="p-3">
          <Skeleton className="h-6" />
        </div>
      ) : entries.error ? (
        <Alert tone="error" className="m-3">
          {entries.error.message}
        </Alert>
      ) : entries.data.length === 0 ? (
        <p className="px-3 py-6 text-center text-sm text-zinc-500">
          {path ? "This folder is empty." : "No artifacts. Log files with mlflow.log_artifact(…) and they appear here."}
        </p>
      ) : (
        <ul className="divide-y divide-zinc-100 text-sm dark:divide-zinc-800/70">
          {entries.data.map((e) => {
            const name = e.path.split("/").at(-1);
            return (
              <li key={e.path} className="flex items-center gap-2 px-3 py-2">
                {e.isDir ? <Folder className="size-4 text-brand-600" aria-hidden /> : <File className="size-4 text-zinc-400" aria-hidden />}
                {e.isDir ? (
                  <button type="button" className="font-medium hover:underline" onClick={() => setPath(e.path)}>
                    {name}/
                  </button>
                ) : (
                  <a className="hover:underline" href={`/api/runs/${org}/${projectKey}/${runId}/artifacts/${e.path.split("/").map(encodeURIComponent).join("/")}`} download>
                    {name}
                  </a>
                )}
                <span className="ml-auto text-xs text-zinc-500 tabular-nums">{formatBytes(e.size)}</span>
                {!e.isDir ? (
                  <a
                    href={`/api/runs/${org}/${projectKey}/${runId}/artifacts/${e.path.split("/").map(encodeURIComponent).join("/")}`}
                    download
                    aria-label={`Download ${name}`}
                    className="rounded p-1 text-zinc-500 hover:bg-zinc-100 hover:text-zinc-800 dark:hover:bg-zinc-800"
                  >
                    <Download className="size-4" aria-hidden />
                  </a>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
