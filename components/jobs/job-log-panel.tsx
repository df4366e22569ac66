"use client";

import { useEffect, useRef, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { Download } from "lucide-react";
import { errorMessage } from "@/components/forms/server-errors";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { useTRPC, useTRPCClient } from "@/lib/trpc";
import { JOB_TONE, isActive } from "./format";

type Line = { attempt: number; seq: number; stream: string; text: string };

/**
 * The log of the job behind a run, read with the logs cursor: every second while the job is queued
 * or running, once more after it ends. Follows the end unless the reader scrolls up.
 */
export function JobLogPanel({ org, jobId }: { org: string; jobId: string }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const job = useQuery({ ...trpc.jobs.get.queryOptions({ org, id: jobId }, { retry: false }), refetchInterval: (q) => (q.state.data && !isActive(q.state.data) ? false : 1000) });
  const [lines, setLines] = useState<Line[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [follow, setFollow] = useState(true);
  const cursor = useRef(0);
  const pre = useRef<HTMLPreElement>(null);
  const active = job.data ? isActive(job.data) : true;

  useEffect(() => {
    let stop = false;
    let timer: ReturnType<typeof setTimeout>;
    const poll = async () => {
      try {
        for (;;) {
          const page = await client.jobs.logs.query({ org, id: jobId, after: cursor.current, limit: 2000 });
          if (stop) return;
          cursor.current = page.cursor;
          if (page.lines.length) setLines((prev) => [...prev, ...page.lines]);
          setError(null);
          if (page.lines.length < 2000) break;
        }
      } catch (err) {
        if (!stop) setError(errorMessage(err));
      }
      if (!stop && active) timer = setTimeout(() => void poll(), 1000);
    };
    void poll();
    return () => {
      stop = true;
      clearTimeout(timer);
    };
  }, [client, org, jobId, active]);

  useEffect(() => {
    if (follow && pre.current) pre.current.scrollTop = pre.current.scrollHeight;
  }, [lines, follow]);

  const download = () => {
    const blob = new Blob([lines.map((l) => l.text).join("")], { type: "text/plain" });
    const a = Object.assign(document.createElement("a"), { href: URL.createObjectURL(blob), download: `job-${jobId.slice(0, 8)}.log` });
    a.click();
    URL.revokeObjectURL(a.href);
  };

  return (
    <section aria-label="Job logs" className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <h3 className="text-sm font-semibold">Logs</h3>
        {job.data ? (
          <Badge tone={JOB_TONE[job.data.state] ?? "neutral"}>
            job {job.data.state}
            {job.data.attempt > 1 ? ` · attempt ${job.data.attempt}` : ""}
          </Badge>
        ) : null}
        <label className="ml-auto flex items-center gap-1.5 text-[13px] text-zinc-600 dark:text-zinc-400">
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} className="accent-brand-600" /> Follow
        </label>
        <Button size="sm" onClick={download} disabled={lines.length === 0}>
          <Download className="size-3.5" aria-hidden /> Download
        </Button>
      </div>
      {error ? <p className="text-[13px] text-red-600 dark:text-red-400">{error}</p> : null}
      <pre
        ref={pre}
        data-testid="job-log"
        onScroll={(e) => {
          const el = e.currentTarget;
          const atEnd = el.scrollHeight - el.scrollTop - el.clientHeight < 8;
          if (atEnd !== follow) setFollow(atEnd);
        }}
        className="max-h-[28rem] min-h-24 overflow-auto rounded-lg border border-zinc-800 bg-zinc-950 p-3 font-mono text-xs leading-relaxed whitespace-pre-wrap text-zinc-100"
      >
        {lines.length === 0 ? (
          <span className="text-zinc-500">{active ? "Waiting for output…" : "No output."}</span>
        ) : (
          lines.map((l) => (
            <span key={`${l.attempt}-${l.seq}-${l.stream}`} className={cn(l.stream === "stderr" && "text-red-300", l.stream === "system" && "text-sky-300")}>
              {l.text}
            </span>
          ))
        )}
      </pre>
    </section>
  );
}
