"use client";

import { useRef } from "react";
import { useDroppable } from "@dnd-kit/core";
import { SortableContext, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { useVirtualizer } from "@tanstack/react-virtual";
import { cn } from "@/components/ui/cn";
import { SortableCard } from "./board-card";
import type { BoardCard } from "./types";

/**
 * One column (or one lane's cell of a column): a droppable, sortable list of cards. The list is
 * virtualized, so a column of 1,000 cards keeps only the visible ones (and a few more) in the DOM.
 */
export function ColumnCards({
  id,
  label,
  keys,
  cardsByKey,
  canWrite,
  onOpen,
  maxHeight,
  activeKey,
}: {
  id: string;
  label: string;
  keys: string[];
  cardsByKey: Map<string, BoardCard>;
  canWrite: boolean;
  onOpen: (key: string) => void;
  maxHeight: string;
  activeKey: string | null;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const { setNodeRef, isOver } = useDroppable({ id, data: { container: id, type: "container" } });
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer's functions are not memoizable, which is fine here
  const virtualizer = useVirtualizer({
    count: keys.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 92,
    overscan: 6,
    getItemKey: (i) => keys[i]!,
    initialRect: { width: 280, height: 900 },
  });
  const items = virtualizer.getVirtualItems();
  return (
    <div
      ref={(el) => {
        scrollRef.current = el;
        setNodeRef(el);
      }}
      role="list"
      aria-label={label}
      data-container={id}
      style={{ maxHeight }}
      className={cn(
        "min-h-24 overflow-y-auto rounded-lg px-1.5 pt-1.5 pb-0.5 transition-colors [scrollbar-width:thin]",
        isOver && "bg-brand-50/70 dark:bg-brand-500/10",
      )}
    >
      <SortableContext id={id} items={keys} strategy={verticalListSortingStrategy}>
        <div className="relative w-full" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((v) => {
            const card = cardsByKey.get(keys[v.index]!);
            if (!card) return null;
            return (
              <div
                role="listitem"
                key={v.key}
                ref={virtualizer.measureElement}
                data-index={v.index}
                className="absolute top-0 left-0 w-full"
                style={{ transform: `translateY(${v.start}px)` }}
              >
                <SortableCard
                  card={card}
                  container={id}
                  disabled={!canWrite}
                  onOpen={onOpen}
                />
              </div>
            );
          })}
        </div>
      </SortableContext>
      {keys.length === 0 ? (
        <p className={cn("py-6 text-center text-xs text-zinc-400 dark:text-zinc-500", activeKey && "text-brand-600 dark:text-brand-100")}>
          {activeKey ? "Drop here" : "No cards"}
        </p>
      ) : null}
    </div>
  );
}
