"use client";

import { useState } from "react";
import { cn } from "@/components/ui/cn";
import { Textarea } from "@/components/ui/input";
import { Markdown } from "./markdown";

/** The description, rendered as markdown; writers switch to Edit to change it. */
export function CardDescription({ value, onChange, readOnly }: { value: string; onChange: (description: string) => void; readOnly: boolean }) {
  const [tab, setTab] = useState<"write" | "preview">("preview");
  return (
    <section className="mt-6" aria-labelledby="card-description-heading">
      <div className="mb-2 flex items-center gap-3">
        <h3 id="card-description-heading" className="text-sm font-semibold">
          Description
        </h3>
        {!readOnly ? (
          <div role="tablist" aria-label="Description mode" className="flex gap-1 text-xs">
            {(["write", "preview"] as const).map((t) => (
              <button
                key={t}
                type="button"
                role="tab"
                aria-selected={tab === t}
                onClick={() => setTab(t)}
                className={cn("rounded px-2 py-0.5 capitalize", tab === t ? "bg-zinc-200 font-medium dark:bg-zinc-800" : "text-zinc-500 hover:bg-zinc-100 dark:hover:bg-zinc-900")}
              >
                {t === "write" ? "Edit" : "Preview"}
              </button>
            ))}
          </div>
        ) : null}
      </div>
      {tab === "write" && !readOnly ? (
        <Textarea aria-label="Description" rows={8} value={value} onChange={(e) => onChange(e.target.value)} placeholder="Markdown: **bold**, - lists, `code`, tables…" />
      ) : value ? (
        <Markdown>{value}</Markdown>
      ) : (
        <p className="text-sm text-zinc-400">{readOnly ? "No description." : "No description yet. Choose Edit to write one."}</p>
      )}
    </section>
  );
}
