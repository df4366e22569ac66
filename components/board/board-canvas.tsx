"use client";

import { useState } from "react";
import { ChevronDown, ChevronRight } from "lucide-react";
import { cn } from "@/components/ui/cn";
import { ROLE_META } from "@/components/cards/card-meta";
import { ColumnCards } from "./board-column";
import { containerId, type Lane } from "./board-model";
import { ColumnHeader } from "./column-header";
import type { Lists } from "./use-sortable-lists";
import type { BoardCard, BoardColumn } from "./types";

export interface ColumnActions {
  onEdit: (column: BoardColumn) => void;
  onMove: (column: BoardColumn, dir: -1 | 1) => void;
  onDelete: (column: BoardColumn) => void;
}

const COLUMN_W = "min-w-52 max-w-[22rem] flex-1 basis-0";

/** The columns, optionally split into swimlanes; every lane × column cell is its own sortable list. */
export function BoardCanvas({
  columns,
  lanes,
  items,
  cardsByKey,
  canWrite,
  canConfigure,
  activeKey,
  onOpen,
  actions,
}: {
  columns: BoardColumn[];
  lanes: Lane[];
  items: Lists;
  cardsByKey: Map<string, BoardCard>;
  canWrite: boolean;
  canConfigure: boolean;
  activeKey: string | null;
  onOpen: (key: string) => void;
  actions: ColumnActions;
}) {
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const shown = (col: BoardColumn) => lanes.reduce((n, l) => n + (items[containerId(l.id, col.id)]?.length ?? 0), 0);
  const header = (col: BoardColumn, i: number) => (
    <ColumnHeader
      column={col}
      shown={shown(col)}
      first={i === 0}
      last={i === columns.length - 1}
      canConfigure={canConfigure}
      onEdit={() => actions.onEdit(col)}
      onMove={(dir) => actions.onMove(col, dir)}
      onDelete={() => actions.onDelete(col)}
    />
  );
  // One sortable list per lane × column ("all" when there are no swimlanes).
  const cards = (laneId: string, col: BoardColumn, label: string, maxHeight: string) => {
    const id = containerId(laneId, col.id);
    return <ColumnCards id={id} label={label} keys={items[id] ?? []} cardsByKey={cardsByKey} canWrite={canWrite} onOpen={onOpen} maxHeight={maxHeight} activeKey={activeKey} />;
  };

  if (lanes.length === 1 && lanes[0]!.id === "all") {
    return (
      <div className="-mx-2 flex gap-3 overflow-x-auto px-2 pb-3 [scrollbar-width:thin]">
        {columns.map((col, i) => (
          <section key={col.id} aria-label={col.name} className={cn(COLUMN_W, "flex flex-col rounded-xl bg-zinc-100/80 p-1.5 dark:bg-zinc-900/60")}>
            {header(col, i)}
            {cards("all", col, `${col.name} cards`, "max(20rem, calc(100vh - 24rem))")}
          </section>
        ))}
      </div>
    );
  }

  return (
    <div className="-mx-2 overflow-x-auto px-2 pb-3 [scrollbar-width:thin]">
      <div className="min-w-fit">
        <div className="sticky top-0 z-10 flex gap-3 bg-white pb-1 dark:bg-zinc-950">
          {columns.map((col, i) => (
            <div key={col.id} className={cn(COLUMN_W, "rounded-lg bg-zinc-100/80 px-1.5 dark:bg-zinc-900/60")}>
              {header(col, i)}
            </div>
          ))}
        </div>
        {lanes.map((lane) => {
          const count = columns.reduce((n, col) => n + (items[containerId(lane.id, col.id)]?.length ?? 0), 0);
          const closed = collapsed.has(lane.id);
          const dot = ROLE_META[lane.id]?.dot;
          return (
            <section key={lane.id} aria-label={`${lane.title} lane`} className="mt-3">
              <button
                type="button"
                aria-expanded={!closed}
                onClick={() =>
                  setCollapsed((s) => {
                    const n = new Set(s);
                    if (n.has(lane.id)) n.delete(lane.id);
                    else n.add(lane.id);
                    return n;
                  })
                }
                className="sticky left-0 flex items-center gap-2 rounded-md px-1.5 py-1 text-[13px] font-semibold text-zinc-800 hover:bg-zinc-100 dark:text-zinc-100 dark:hover:bg-zinc-900"
              >
                {closed ? <ChevronRight className="size-4" aria-hidden /> : <ChevronDown className="size-4" aria-hidden />}
                {dot ? <span aria-hidden className={cn("size-2 rounded-full", dot)} /> : null}
                <h3>{lane.title}</h3>
                <span className="font-normal text-zinc-500">{count}</span>
              </button>
              {!closed ? (
                <div className="mt-1 flex gap-3 border-b border-zinc-200 pb-3 dark:border-zinc-800">
                  {columns.map((col) => (
                    <div key={col.id} className={cn(COLUMN_W, "rounded-xl bg-zinc-100/60 dark:bg-zinc-900/40")}>
                      {cards(lane.id, col, `${lane.title}, ${col.name} cards`, "28rem")}
                    </div>
                  ))}
                </div>
              ) : null}
            </section>
          );
        })}
      </div>
    </div>
  );
}
