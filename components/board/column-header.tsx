"use client";

import { ArrowLeft, ArrowRight, Lock, MoreHorizontal, Pencil, Trash2, TriangleAlert } from "lucide-react";
import { cn } from "@/components/ui/cn";
import { Menu, menuItemClass, MenuSeparator } from "@/components/ui/menu";
import type { BoardColumn } from "./types";

const CATEGORY_DOT: Record<string, string> = {
  todo: "bg-zinc-400",
  doing: "bg-sky-500",
  done: "bg-emerald-500",
};

export function ColumnHeader({
  column,
  shown,
  first,
  last,
  canConfigure,
  onEdit,
  onMove,
  onDelete,
}: {
  column: BoardColumn;
  shown: number;
  first: boolean;
  last: boolean;
  canConfigure: boolean;
  onEdit: () => void;
  onMove: (dir: -1 | 1) => void;
  onDelete: () => void;
}) {
  const count = column.cards.length;
  const over = column.wipLimit !== null && count > column.wipLimit;
  const full = column.wipLimit !== null && count >= column.wipLimit;
  return (
    <div className="flex h-9 items-center gap-2 px-1.5" data-column-header={column.name}>
      <span aria-hidden className={cn("size-2 shrink-0 rounded-full", CATEGORY_DOT[column.category])} />
      <h2 className="truncate text-[13px] font-semibold text-zinc-800 dark:text-zinc-100">{column.name}</h2>
      <span className="text-xs text-zinc-500 tabular-nums dark:text-zinc-400" title={shown === count ? `${count} cards` : `${shown} of ${count} cards shown`}>
        {shown === count ? count : `${shown} of ${count}`}
      </span>
      {column.wipLimit !== null ? (
        <span
          className={cn(
            "inline-flex items-center gap-1 rounded px-1.5 py-px text-[11px] font-medium tabular-nums ring-1 ring-inset",
            over
              ? "bg-red-50 text-red-700 ring-red-200 dark:bg-red-500/10 dark:text-red-300 dark:ring-red-500/30"
              : full
                ? "bg-amber-50 text-amber-800 ring-amber-200 dark:bg-amber-500/10 dark:text-amber-300 dark:ring-amber-500/30"
                : "bg-zinc-100 text-zinc-600 ring-zinc-200 dark:bg-zinc-800 dark:text-zinc-300 dark:ring-zinc-700",
          )}
          title={`WIP limit ${column.wipLimit}${column.wipStrict ? " (strict: moves beyond it are refused)" : ""}${over ? ": over the limit" : ""}`}
          aria-label={`WIP ${count} of ${column.wipLimit}${column.wipStrict ? ", strict" : ""}${over ? ", over the limit" : ""}`}
        >
          {over ? <TriangleAlert className="size-3" aria-hidden /> : null}
          {count}/{column.wipLimit}
          {column.wipStrict ? <Lock className="size-3" aria-hidden /> : null}
        </span>
      ) : null}
      {canConfigure ? (
        <Menu
          label={`${column.name} column options`}
          align="right"
          className="ml-auto"
          triggerClassName="flex size-6 items-center justify-center rounded text-zinc-500 hover:bg-zinc-200/70 dark:hover:bg-zinc-800"
          trigger={<MoreHorizontal className="size-4" aria-hidden />}
        >
          {(close) => (
            <>
              <button type="button" data-menu-item className={menuItemClass} onClick={() => (close(), onEdit())}>
                <Pencil className="size-3.5" aria-hidden /> Edit column…
              </button>
              <button type="button" data-menu-item className={menuItemClass} disabled={first} onClick={() => (close(), onMove(-1))}>
                <ArrowLeft className="size-3.5" aria-hidden /> Move left
              </button>
              <button type="button" data-menu-item className={menuItemClass} disabled={last} onClick={() => (close(), onMove(1))}>
                <ArrowRight className="size-3.5" aria-hidden /> Move right
              </button>
              <MenuSeparator />
              <button
                type="button"
                data-menu-item
                className={cn(menuItemClass, "text-red-600 dark:text-red-400")}
                onClick={() => (close(), onDelete())}
              >
                <Trash2 className="size-3.5" aria-hidden /> Delete column
              </button>
            </>
          )}
        </Menu>
      ) : null}
    </div>
  );
}
