"use client";

import { forwardRef } from "react";
import { Rows3, Search, UserRound, X } from "lucide-react";
import { cn } from "@/components/ui/cn";
import { Select } from "@/components/ui/select";
import { CARD_TYPES, ROLE_META, typeMeta } from "@/components/cards/card-meta";
import type { BoardFilters, Member, Swimlanes } from "./types";


const LANE_OPTIONS: { value: Swimlanes; label: string }[] = [
  { value: "none", label: "None" },
  { value: "role", label: "Role" },
  { value: "assignee", label: "Assignee" },
];

export const BoardToolbar = forwardRef<
  HTMLInputElement,
  {
    filters: BoardFilters;
    members: Member[];
    labels: string[];
    active: boolean;
    onChange: (patch: Record<string, string | null>) => void;
    onClear: () => void;
  }
>(function BoardToolbar({ filters, members, labels, active, onChange, onClear }, searchRef) {
  return (
    <div className="mb-4 flex flex-wrap items-center gap-2" role="toolbar" aria-label="Board filters">
      <div className="relative">
        <Search className="pointer-events-none absolute top-1/2 left-2.5 size-3.5 -translate-y-1/2 text-zinc-400" aria-hidden />
        <input
          ref={searchRef}
          type="search"
          aria-label="Search cards"
          placeholder="Search cards  /"
          value={filters.q}
          onChange={(e) => onChange({ q: e.target.value })}
          onKeyDown={(e) => {
            if (e.key === "Escape") (e.target as HTMLInputElement).blur();
          }}
          className="h-8 w-48 rounded-md border border-zinc-300 bg-white pr-2 pl-8 text-[13px] shadow-xs placeholder:text-zinc-400 dark:border-zinc-700 dark:bg-zinc-900"
        />
      </div>
      <Select density="sm" inline className="max-w-36" aria-label="Assignee" value={filters.assignee} onChange={(e) => onChange({ assignee: e.target.value })}>
        <option value="">Any assignee</option>
        <option value="none">Unassigned</option>
        {members.map((m) => (
          <option key={m.userId} value={m.userId}>
            {m.name}
          </option>
        ))}
      </Select>
      <Select density="sm" inline className="max-w-36" aria-label="Role" value={filters.role} onChange={(e) => onChange({ role: e.target.value })}>
        <option value="">Any role</option>
        {Object.entries(ROLE_META).map(([v, m]) => (
          <option key={v} value={v}>
            {m.label}
          </option>
        ))}
        <option value="none">No role</option>
      </Select>
      <Select density="sm" inline className="max-w-36" aria-label="Type" value={filters.type} onChange={(e) => onChange({ type: e.target.value })}>
        <option value="">Any type</option>
        {CARD_TYPES.map((t) => (
          <option key={t} value={t}>
            {typeMeta(t).label}
          </option>
        ))}
      </Select>
      <Select density="sm" inline className="max-w-36" aria-label="Label" value={filters.label} onChange={(e) => onChange({ label: e.target.value })}>
        <option value="">Any label</option>
        {labels.map((l) => (
          <option key={l} value={l}>
            {l}
          </option>
        ))}
      </Select>
      <button
        type="button"
        aria-pressed={filters.mine}
        onClick={() => onChange({ mine: filters.mine ? null : "1" })}
        className={cn(
          "inline-flex h-8 items-center gap-1.5 rounded-md border px-2.5 text-[13px] font-medium shadow-xs",
          filters.mine
            ? "border-brand-500 bg-brand-50 text-brand-700 dark:bg-brand-500/15 dark:text-brand-100"
            : "border-zinc-300 bg-white text-zinc-700 hover:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-300 dark:hover:bg-zinc-800",
        )}
      >
        <UserRound className="size-3.5" aria-hidden />
        Only my cards
      </button>
      {active ? (
        <button type="button" onClick={onClear} className="inline-flex h-8 items-center gap-1 rounded-md px-2 text-[13px] text-zinc-600 hover:bg-zinc-100 dark:text-zinc-400 dark:hover:bg-zinc-800">
          <X className="size-3.5" aria-hidden />
          Clear
        </button>
      ) : null}
    </div>
  );
});

export function SwimlaneToggle({ value, onChange }: { value: Swimlanes; onChange: (patch: Record<string, string | null>) => void }) {
  return (
    <div className="flex items-center gap-2">
      <span className="flex items-center gap-1 text-[13px] text-zinc-500 dark:text-zinc-400">
        <Rows3 className="size-3.5" aria-hidden />
        Swimlanes
      </span>
      <div role="radiogroup" aria-label="Swimlanes" className="flex rounded-md border border-zinc-300 p-0.5 dark:border-zinc-700">
        {LANE_OPTIONS.map((o) => (
          <button
            key={o.value}
            type="button"
            role="radio"
            aria-checked={value === o.value}
            onClick={() => onChange({ lanes: o.value === "none" ? null : o.value })}
            className={cn(
              "h-6 rounded px-2 text-[12px] font-medium",
              value === o.value
                ? "bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900"
                : "text-zinc-600 hover:bg-zinc-100 dark:text-zinc-400 dark:hover:bg-zinc-800",
            )}
          >
            {o.label}
          </button>
        ))}
      </div>
    </div>
  );
}
