"use client";

import { Columns3 } from "lucide-react";
import { buttonClass } from "@/components/ui/button";
import { Menu } from "@/components/ui/menu";

/** The runs table's metric and param columns, picked from the keys logged so far. */
export function ColumnChooser({
  paramKeys,
  metricKeys,
  params,
  metrics,
  onChange,
}: {
  paramKeys: string[];
  metricKeys: string[];
  params: string[];
  metrics: string[];
  onChange: (params: string[], metrics: string[]) => void;
}) {
  const flip = (arr: string[], k: string) => (arr.includes(k) ? arr.filter((x) => x !== k) : [...arr, k]);
  const group = (title: string, all: string[], chosen: string[], set: (next: string[]) => void) => (
    <fieldset className="px-1 py-1">
      <legend className="px-2 py-1 text-[11px] font-semibold tracking-wide text-zinc-500 uppercase">{title}</legend>
      {all.length === 0 ? <p className="px-2 pb-1 text-xs text-zinc-400">None logged yet</p> : null}
      {all.map((k) => (
        <label key={k} className="flex cursor-pointer items-center gap-2 rounded px-2 py-1 text-sm hover:bg-zinc-100 dark:hover:bg-zinc-800">
          <input type="checkbox" data-menu-item className="size-3.5 accent-brand-600" checked={chosen.includes(k)} onChange={() => set(flip(chosen, k))} />
          <span className="truncate font-mono text-[13px]">{k}</span>
        </label>
      ))}
    </fieldset>
  );
  return (
    <Menu
      label="Columns"
      align="right"
      triggerClassName={buttonClass({ size: "sm" })}
      trigger={
        <>
          <Columns3 className="size-4" aria-hidden />
          Columns
        </>
      }
    >
      {() => (
        <div className="max-h-96 w-60 overflow-y-auto">
          {group("Metrics", metricKeys, metrics, (m) => onChange(params, m))}
          {group("Params", paramKeys, params, (p) => onChange(p, metrics))}
        </div>
      )}
    </Menu>
  );
}
