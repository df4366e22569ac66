"use client";

import { useId, type ReactNode } from "react";
import { useTheme } from "next-themes";
import { format, parseISO } from "date-fns";
import { cn } from "@/components/ui/cn";

/** Series and axis colours per theme; recharts draws SVG attributes, so they are resolved here, not in CSS. */
const LIGHT = {
  grid: "#e4e4e7",
  axis: "#71717a",
  cursor: "#f4f4f5",
  primary: "#4f46e5",
  muted: "#a1a1aa",
  good: "#059669",
  warn: "#d97706",
  danger: "#dc2626",
  surface: "#ffffff",
  done: ["#059669", "#10b981", "#34d399"],
  doing: ["#4f46e5", "#0284c7", "#7c3aed", "#0891b2", "#6366f1"],
  todo: ["#a1a1aa", "#d4d4d8", "#71717a"],
};
const DARK: typeof LIGHT = {
  grid: "#27272a",
  axis: "#a1a1aa",
  cursor: "#27272a",
  primary: "#818cf8",
  muted: "#71717a",
  good: "#34d399",
  warn: "#fbbf24",
  danger: "#f87171",
  surface: "#18181b",
  done: ["#10b981", "#059669", "#6ee7b7"],
  doing: ["#818cf8", "#38bdf8", "#a78bfa", "#22d3ee", "#6366f1"],
  todo: ["#71717a", "#52525b", "#a1a1aa"],
};
export type ChartPalette = typeof LIGHT;

export function useChartPalette(): ChartPalette {
  const { resolvedTheme } = useTheme();
  return resolvedTheme === "dark" ? DARK : LIGHT;
}

export function axisProps(p: ChartPalette) {
  return {
    stroke: p.grid,
    tick: { fill: p.axis, fontSize: 12 },
    tickLine: false,
    axisLine: { stroke: p.grid },
  } as const;
}

export const shortDate = (iso: string) => format(parseISO(iso), "MMM d");
export const shortTime = (t: number) => format(new Date(t), "MMM d");

/** A chart with a heading, a description and optional controls; the heading labels the figure. */
export function ChartFrame({
  title,
  description,
  controls,
  legend,
  children,
  className,
  summary,
}: {
  title: string;
  description?: ReactNode;
  controls?: ReactNode;
  legend?: ReactNode;
  children: ReactNode;
  className?: string;
  /** A text alternative for screen readers: the chart's main numbers. */
  summary?: string;
}) {
  const id = useId();
  return (
    <figure
      aria-labelledby={`${id}-title`}
      aria-describedby={summary ? `${id}-summary` : undefined}
      className={cn("rounded-lg border border-zinc-200 bg-white p-4 shadow-xs dark:border-zinc-800 dark:bg-zinc-900", className)}
    >
      <div className="mb-3 flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h2 id={`${id}-title`} className="text-sm font-semibold text-zinc-900 dark:text-zinc-50">
            {title}
          </h2>
          {description ? <p className="mt-0.5 text-[13px] text-zinc-600 dark:text-zinc-400">{description}</p> : null}
        </div>
        {controls ? <div className="flex items-center gap-2">{controls}</div> : null}
      </div>
      {summary ? (
        <p id={`${id}-summary`} className="sr-only">
          {summary}
        </p>
      ) : null}
      {children}
      {legend}
    </figure>
  );
}

export type LegendShape = "line" | "dashed" | "bar" | "dot" | "triangle" | "area";

export function ChartLegend({ items }: { items: { label: string; color: string; shape: LegendShape }[] }) {
  return (
    <ul aria-label="Legend" className="mt-2 flex flex-wrap justify-center gap-x-4 gap-y-1 text-xs text-zinc-600 dark:text-zinc-400">
      {items.map((i) => (
        <li key={i.label} className="inline-flex items-center gap-1.5">
          <LegendSwatch color={i.color} shape={i.shape} />
          {i.label}
        </li>
      ))}
    </ul>
  );
}

function LegendSwatch({ color, shape }: { color: string; shape: LegendShape }) {
  if (shape === "line" || shape === "dashed") {
    return (
      <svg width="18" height="8" aria-hidden>
        <line x1="1" y1="4" x2="17" y2="4" stroke={color} strokeWidth="2" strokeDasharray={shape === "dashed" ? "4 3" : undefined} />
      </svg>
    );
  }
  if (shape === "triangle") {
    return (
      <svg width="10" height="10" aria-hidden>
        <path d="M5 1 L9 9 L1 9 Z" fill={color} />
      </svg>
    );
  }
  return <span aria-hidden className={cn("inline-block size-2.5", shape === "dot" ? "rounded-full" : "rounded-sm", shape === "area" && "opacity-85")} style={{ background: color }} />;
}

export function TooltipBox({ title, children }: { title: ReactNode; children: ReactNode }) {
  return (
    <div className="max-w-72 rounded-md border border-zinc-200 bg-white px-3 py-2 text-xs shadow-lg dark:border-zinc-700 dark:bg-zinc-800">
      <p className="mb-1 font-medium text-zinc-900 dark:text-zinc-100">{title}</p>
      <div className="space-y-0.5 text-zinc-600 dark:text-zinc-300">{children}</div>
    </div>
  );
}

export function TooltipRow({ color, label, value }: { color?: string; label: string; value: ReactNode }) {
  return (
    <p className="flex items-center gap-1.5">
      {color ? <span className="inline-block size-2 rounded-full" style={{ background: color }} aria-hidden /> : null}
      <span>{label}</span>
      <span className="ml-auto pl-3 font-medium text-zinc-900 tabular-nums dark:text-zinc-100">{value}</span>
    </p>
  );
}

/** A small empty state that keeps the chart card's place in the grid. */
export function ChartEmpty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="flex h-52 flex-col items-center justify-center rounded-md border border-dashed border-zinc-300 px-6 text-center dark:border-zinc-700">
      <p className="text-sm font-medium text-zinc-800 dark:text-zinc-200">{title}</p>
      {children ? <p className="mt-1 max-w-sm text-[13px] text-zinc-500 dark:text-zinc-400">{children}</p> : null}
    </div>
  );
}

export function Segmented<T extends string | number>({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: T;
  options: { value: T; label: string }[];
  onChange: (v: T) => void;
}) {
  return (
    <div role="group" aria-label={label} className="inline-flex rounded-md border border-zinc-300 p-0.5 dark:border-zinc-700">
      {options.map((o) => (
        <button
          key={String(o.value)}
          type="button"
          aria-pressed={o.value === value}
          onClick={() => onChange(o.value)}
          className={cn(
            "rounded px-2 py-0.5 text-xs font-medium",
            o.value === value
              ? "bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900"
              : "text-zinc-600 hover:bg-zinc-100 dark:text-zinc-400 dark:hover:bg-zinc-800",
          )}
        >
          {o.label}
        </button>
      ))}
    </div>
  );
}
