"use client";

import { useRef, useState, type DragEvent } from "react";
import { useRouter } from "next/navigation";
import { useQueryClient } from "@tanstack/react-query";
import { UploadCloud } from "lucide-react";
import { Alert } from "@/components/ui/alert";
import { cn } from "@/components/ui/cn";
import { useToast } from "@/components/ui/toast";
import { useTRPC } from "@/lib/trpc";
import { formatBytes } from "@/components/format";
import { datasetHref } from "./format";

type State = { kind: "idle" } | { kind: "uploading"; name: string; loaded: number; total: number } | { kind: "error"; message: string };

function formatFor(file: File): string | null {
  if (/\.csv$/i.test(file.name) || file.type === "text/csv") return "csv";
  if (/\.(jsonl|ndjson)$/i.test(file.name)) return "jsonl";
  return null;
}

/** Streams the file as the raw request body; XMLHttpRequest because fetch reports no upload progress. */
export function UploadDropzone({ org, projectKey, name }: { org: string; projectKey: string; name: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const toast = useToast();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const [state, setState] = useState<State>({ kind: "idle" });

  function send(file: File) {
    const format = formatFor(file);
    if (!format) {
      setState({ kind: "error", message: `${file.name}: choose a .csv, .jsonl or .ndjson file` });
      return;
    }
    const q = new URLSearchParams({ format, filename: file.name });
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/v1/orgs/${org}/projects/${projectKey}/datasets/${encodeURIComponent(name)}/versions?${q}`);
    xhr.setRequestHeader("content-type", format === "csv" ? "text/csv" : "application/x-ndjson");
    xhr.upload.onprogress = (e) => setState({ kind: "uploading", name: file.name, loaded: e.loaded, total: e.lengthComputable ? e.total : file.size });
    xhr.onerror = () => setState({ kind: "error", message: "The upload was interrupted. Check your connection and try again." });
    xhr.onload = async () => {
      let body: { message?: string; version?: number } = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // a proxy error page; the status says enough
      }
      if (xhr.status !== 200 && xhr.status !== 201) {
        setState({ kind: "error", message: body.message ?? `Upload failed (HTTP ${xhr.status})` });
        return;
      }
      setState({ kind: "idle" });
      toast(xhr.status === 201 ? `Version ${body.version} uploaded` : `Same content as version ${body.version}: nothing new stored`);
      await queryClient.invalidateQueries({ queryKey: trpc.datasets.pathKey() });
      router.push(`${datasetHref(org, projectKey, name)}/versions/${body.version}`);
    };
    setState({ kind: "uploading", name: file.name, loaded: 0, total: file.size });
    xhr.send(file);
  }

  function onDrop(e: DragEvent) {
    e.preventDefault();
    setOver(false);
    const file = e.dataTransfer.files[0];
    if (file) send(file);
  }

  const busy = state.kind === "uploading";
  const pct = busy && state.total > 0 ? Math.round((state.loaded / state.total) * 100) : 0;
  return (
    <div className="space-y-3">
      <div
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        className={cn(
          "flex flex-col items-center justify-center gap-2 rounded-lg border-2 border-dashed px-6 py-8 text-center text-sm",
          over ? "border-brand-500 bg-brand-50 dark:bg-brand-500/10" : "border-zinc-300 dark:border-zinc-700",
        )}
      >
        <UploadCloud className="size-6 text-zinc-400" aria-hidden />
        <p className="text-zinc-700 dark:text-zinc-300">
          Drop a CSV or JSON Lines file here, or{" "}
          <button type="button" className="font-medium text-brand-600 hover:underline disabled:opacity-50" disabled={busy} onClick={() => input.current?.click()}>
            choose a file
          </button>
        </p>
        <p className="text-xs text-zinc-500">Uploading the same bytes again returns the existing version.</p>
        <input
          ref={input}
          type="file"
          aria-label="Dataset file"
          accept=".csv,.jsonl,.ndjson,text/csv,application/x-ndjson"
          className="sr-only"
          disabled={busy}
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = "";
            if (file) send(file);
          }}
        />
      </div>
      {busy ? (
        <div>
          <div className="mb-1 flex justify-between text-xs text-zinc-600 dark:text-zinc-400">
            <span>
              Uploading {state.name}: {formatBytes(state.loaded)} of {formatBytes(state.total)}
            </span>
            <span>{pct < 100 ? `${pct}%` : "profiling…"}</span>
          </div>
          <div role="progressbar" aria-label="Upload progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} className="h-2 overflow-hidden rounded bg-zinc-200 dark:bg-zinc-800">
            <div className="h-full bg-brand-600 transition-[width]" style={{ width: `${pct}%` }} />
          </div>
        </div>
      ) : null}
      {state.kind === "error" ? <Alert tone="error">{state.message}</Alert> : null}
    </div>
  );
}
