"use client";

import { useMemo } from "react";
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { axisProps, TooltipBox, useChartPalette } from "@/components/charts/chart-kit";
import { fmtNumber } from "./format";

export interface ChartSeries {
  runId: string;
  runName: string;
  total: number;
  steps: number[];
  values: number[];
}

const RUN_COLORS_LIGHT = ["#4f46e5", "#059669", "#d97706", "#dc2626", "#0891b2", "#7c3aed", "#db2777", "#65a30d"];
const RUN_COLORS_DARK = ["#818cf8", "#34d399", "#fbbf24", "#f87171", "#22d3ee", "#a78bfa", "#f472b6", "#a3e635"];

export function useRunColors() {
  const p = useChartPalette();
  return p.surface === "#ffffff" ? RUN_COLORS_LIGHT : RUN_COLORS_DARK;
}

/**
 * One metric of one or more runs against the step. Points are the server's downsampled real points
 * (min and max of every bucket kept), so the tooltip shows exact logged values.
 */
export function MetricChart({ series, height = 160, compact = false }: { series: ChartSeries[]; height?: number; compact?: boolean }) {
  const p = useChartPalette();
  const colors = useRunColors();
  const data = useMemo(() => {
    const rows = new Map<number, Record<string, number>>();
    series.forEach((s, i) => {
      s.steps.forEach((step, j) => {
        const v = s.values[j]!;
        if (!Number.isFinite(v)) return;
        const row = rows.get(step) ?? { step };
        row[`s${i}`] = v;
        rows.set(step, row);
      });
    });
    return [...rows.values()].sort((a, b) => a.step! - b.step!);
  }, [series]);
  const names = series.map((s) => s.runName);
  return (
    <ResponsiveContainer width="100%" height={height}>
      <LineChart data={data} margin={{ top: 6, right: 8, bottom: 0, left: compact ? -12 : 0 }}>
        <CartesianGrid stroke={p.grid} vertical={false} />
        <XAxis dataKey="step" type="number" domain={["dataMin", "dataMax"]} {...axisProps(p)} tick={{ fill: p.axis, fontSize: 11 }} tickFormatter={(v: number) => fmtNumber(v)} />
        <YAxis {...axisProps(p)} tick={{ fill: p.axis, fontSize: 11 }} width={compact ? 52 : 64} domain={["auto", "auto"]} tickFormatter={(v: number) => fmtNumber(v)} />
        <Tooltip
          isAnimationActive={false}
          cursor={{ stroke: p.muted }}
          content={({ active, payload, label }) =>
            active && payload?.length ? (
              <TooltipBox title={`Step ${label}`}>
                {payload.map((e) => {
                  const i = Number(String(e.dataKey).slice(1));
                  return (
                    <p key={String(e.dataKey)} className="flex items-center gap-1.5">
                      <span className="inline-block size-2 rounded-full" style={{ background: colors[i % colors.length] }} />
                      <span className="truncate">{names[i]}</span>
                      <span className="ml-auto pl-2 font-mono text-zinc-900 tabular-nums dark:text-zinc-100">{String(e.value)}</span>
                    </p>
                  );
                })}
              </TooltipBox>
            ) : null
          }
        />
        {series.map((s, i) => (
          <Line
            key={s.runId}
            dataKey={`s${i}`}
            name={s.runName}
            type="linear"
            dot={false}
            connectNulls
            isAnimationActive={false}
            stroke={colors[i % colors.length]}
            strokeWidth={1.5}
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}
