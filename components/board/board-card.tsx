"use client";

import { memo, type KeyboardEvent } from "react";
import { useSortable } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { format, parseISO } from "date-fns";
import { CalendarDays } from "lucide-react";
import { cn } from "@/components/ui/cn";
import { initials } from "@/components/shell/types";
import { labelTone, priorityMeta, ROLE_META, roleLabel, typeMeta } from "@/components/cards/card-meta";
import { RunLinkBadge } from "@/components/runs/run-link-badge";
import { CardJobIndicator } from "@/components/jobs/card-job-indicator";
import type { BoardCard } from "./types";

/** What a card shows on the board; also the drag overlay. */
export const CardView = memo(function CardView({ card, overlay, dragging }: { card: BoardCard; overlay?: boolean; dragging?: boolean }) {
  const type = typeMeta(card.type);
  const prio = priorityMeta(card.priority);
  const role = card.role ? ROLE_META[card.role] : undefined;
  const TypeIcon = type.icon;
  const PrioIcon = prio.icon;
  return (
    <div
      className={cn(
        "relative overflow-hidden rounded-lg border border-zinc-200 bg-white py-2.5 pr-2.5 pl-3.5 text-left shadow-xs transition-shadow dark:border-zinc-800 dark:bg-zinc-900",
        "group-hover/card:border-zinc-300 dark:group-hover/card:border-zinc-700",
        overlay && "rotate-[1.5deg] shadow-xl ring-2 ring-brand-500/40",
        dragging && "opacity-40",
      )}
    >
      <span aria-hidden className={cn("absolute inset-y-0 left-0 w-1", role?.bar ?? "bg-zinc-200 dark:bg-zinc-700")} title={roleLabel(card.role)} />
      <div className="flex items-center gap-1.5 text-xs text-zinc-500 dark:text-zinc-400">
        <TypeIcon className={cn("size-3.5 shrink-0", type.className)} aria-label={type.label} />
        <span className="font-mono font-medium">{card.key}</span>
        <span className="ml-auto flex items-center gap-1.5">
          <CardJobIndicator cardKey={card.key} />
          {card.priority !== "none" ? <PrioIcon className={cn("size-3.5", prio.className)} aria-label={`Priority ${prio.label}`} /> : null}
          {card.points !== null ? (
            <span className="rounded bg-zinc-100 px-1 font-mono text-[11px] font-medium text-zinc-600 tabular-nums dark:bg-zinc-800 dark:text-zinc-300" title="Story points">
              {card.points}
            </span>
          ) : null}
        </span>
      </div>
      <p className="mt-1 line-clamp-3 text-[13px] leading-snug font-medium text-zinc-900 dark:text-zinc-100">{card.title}</p>
      <RunLinkBadge cardKey={card.key} />
      {card.labels.length > 0 || card.assigneeName || card.dueDate ? (
        <div className="mt-2 flex items-center gap-1.5">
          <div className="flex min-w-0 flex-1 flex-wrap gap-1">
            {card.labels.slice(0, 3).map((l) => (
              <span key={l} className={cn("truncate rounded px-1.5 py-px text-[11px] font-medium ring-1 ring-inset", labelTone(l))}>
                {l}
              </span>
            ))}
            {card.labels.length > 3 ? <span className="text-[11px] text-zinc-500">+{card.labels.length - 3}</span> : null}
            {card.dueDate ? (
              <span className="flex items-center gap-0.5 text-[11px] text-zinc-500 dark:text-zinc-400">
                <CalendarDays className="size-3" aria-hidden />
                {format(parseISO(card.dueDate), "d MMM")}
              </span>
            ) : null}
          </div>
          {card.assigneeName ? (
            <span
              className="flex size-6 shrink-0 items-center justify-center rounded-full bg-zinc-200 text-[10px] font-semibold text-zinc-700 dark:bg-zinc-700 dark:text-zinc-200"
              title={card.assigneeName}
              aria-label={`Assigned to ${card.assigneeName}`}
            >
              {initials(card.assigneeName)}
            </span>
          ) : null}
        </div>
      ) : null}
    </div>
  );
});

/** A card that can be dragged (pointer or keyboard: Space to lift, arrows to move, Space to drop) and opened (click or Enter). */
export function SortableCard({
  card,
  container,
  disabled,
  onOpen,
}: {
  card: BoardCard;
  container: string;
  disabled: boolean;
  onOpen: (key: string) => void;
}) {
  const { setNodeRef, attributes, listeners, transform, transition, isDragging } = useSortable({
    id: card.key,
    data: { container, card },
    disabled,
  });
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === "Enter" && !isDragging) {
      e.preventDefault();
      onOpen(card.key);
      return;
    }
    listeners?.onKeyDown?.(e);
  };
  return (
    <div className="pb-2">
      <div
        ref={setNodeRef}
        {...attributes}
        {...listeners}
        onKeyDown={onKeyDown}
        onClick={() => onOpen(card.key)}
        aria-roledescription="card"
        aria-label={`${card.key}: ${card.title}`}
        data-card={card.key}
        style={{ transform: CSS.Translate.toString(transform), transition }}
        className="group/card cursor-pointer rounded-lg outline-offset-1 focus-visible:outline-2"
      >
        <CardView card={card} dragging={isDragging} />
      </div>
    </div>
  );
}
