"use client";

import Link from "next/link";
import { useSortable } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { ArrowDown, ArrowUp, ChevronsUp, GripVertical, Minus } from "lucide-react";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { initials } from "@/components/shell/types";
import { cardHref } from "./format";
import type { PlanCard } from "./types";

const TYPE_TONE: Record<string, BadgeTone> = {
  story: "green",
  task: "sky",
  bug: "red",
  experiment: "violet",
  data: "amber",
  deploy: "brand",
  spike: "neutral",
};
const STATUS_TONE: Record<string, BadgeTone> = { todo: "neutral", doing: "sky", done: "green" };
const PRIORITY = {
  urgent: { icon: ChevronsUp, className: "text-red-600 dark:text-red-400" },
  high: { icon: ArrowUp, className: "text-orange-600 dark:text-orange-400" },
  medium: { icon: Minus, className: "text-amber-600 dark:text-amber-400" },
  low: { icon: ArrowDown, className: "text-sky-600 dark:text-sky-400" },
} as const;

interface RowProps {
  card: PlanCard;
  org: string;
  projectKey: string;
  showStatus: boolean;
}

/** One card in a planning list; the grip is the drag handle (mouse or keyboard). */
export function SortableCardRow({ disabled, ...props }: RowProps & { disabled: boolean }) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: props.card.key,
    disabled,
  });
  return (
    <li
      ref={setNodeRef}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      className={cn(isDragging && "opacity-40")}
      data-card={props.card.key}
    >
      <CardRow
        {...props}
        handle={
          disabled ? null : (
            <button
              type="button"
              ref={setActivatorNodeRef}
              {...attributes}
              {...listeners}
              aria-label={`Move ${props.card.key}: ${props.card.title}`}
              className="-ml-1 flex size-6 shrink-0 cursor-grab touch-none items-center justify-center rounded text-zinc-400 hover:bg-zinc-100 hover:text-zinc-700 active:cursor-grabbing dark:hover:bg-zinc-800 dark:hover:text-zinc-200"
            >
              <GripVertical className="size-4" aria-hidden />
            </button>
          )
        }
      />
    </li>
  );
}

export function CardRow({ card, org, projectKey, showStatus, handle, overlay }: RowProps & { handle?: React.ReactNode; overlay?: boolean }) {
  const priority = card.priority !== "none" ? PRIORITY[card.priority as keyof typeof PRIORITY] : null;
  const href = cardHref(org, projectKey, card.key);
  return (
    <div
      className={cn(
        "group flex h-11 items-center gap-2.5 border-b border-zinc-100 bg-white px-3 text-sm dark:border-zinc-800/70 dark:bg-zinc-900",
        overlay && "rounded-md border border-zinc-200 shadow-lg ring-1 ring-brand-500/40 dark:border-zinc-700",
      )}
    >
      {handle ?? <span className="w-5 shrink-0" aria-hidden />}
      <Badge tone={TYPE_TONE[card.type] ?? "neutral"} className="w-[5.5rem] justify-center capitalize">
        {card.type}
      </Badge>
      <Link href={href} className="shrink-0 font-mono text-xs text-zinc-500 hover:text-brand-600 hover:underline dark:text-zinc-400">
        {card.key}
      </Link>
      <Link href={href} className="min-w-0 flex-1 truncate text-zinc-900 hover:underline dark:text-zinc-100" title={card.title}>
        {card.title}
      </Link>
      {card.labels.slice(0, 2).map((l) => (
        <span key={l} className="hidden shrink-0 rounded bg-zinc-100 px-1.5 py-0.5 text-[11px] text-zinc-600 lg:inline dark:bg-zinc-800 dark:text-zinc-400">
          {l}
        </span>
      ))}
      {showStatus ? (
        <Badge tone={STATUS_TONE[card.category] ?? "neutral"} className="hidden sm:inline-flex">
          {card.columnName}
        </Badge>
      ) : null}
      <span className="flex w-4 shrink-0 justify-center" title={priority ? `${card.priority} priority` : undefined}>
        {priority ? <priority.icon className={cn("size-4", priority.className)} aria-label={`${card.priority} priority`} /> : null}
      </span>
      <span
        className="flex size-6 shrink-0 items-center justify-center rounded-full bg-zinc-200 text-[10px] font-semibold text-zinc-700 dark:bg-zinc-700 dark:text-zinc-200"
        title={card.assigneeName ?? "Unassigned"}
        aria-label={card.assigneeName ? `Assigned to ${card.assigneeName}` : "Unassigned"}
      >
        {card.assigneeName ? initials(card.assigneeName) : "–"}
      </span>
      <span
        className="min-w-8 shrink-0 rounded-full bg-zinc-100 px-2 py-0.5 text-center text-xs font-medium text-zinc-700 tabular-nums dark:bg-zinc-800 dark:text-zinc-300"
        title="Story points"
      >
        {card.points ?? "–"}
      </span>
    </div>
  );
}
