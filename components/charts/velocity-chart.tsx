"use client";

import { Bar, CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { axisProps, ChartEmpty, ChartFrame, ChartLegend, TooltipBox, TooltipRow, useChartPalette } from "./chart-kit";
import type { ChartsData } from "./types";

/** Average completed points over the last three closed sprints: the same figure the backlog plans against. */
export function recentAverage(velocity: ChartsData["velocity"]): number | null {
  const recent = velocity.slice(-3);
  return recent.length ? Math.round(recent.reduce((n, s) => n + s.completed, 0) / recent.length) : null;
}

export function VelocityChart({ velocity }: { velocity: ChartsData["velocity"] }) {
  const p = useChartPalette();
  if (velocity.length === 0) {
    return (
      <ChartFrame title="Velocity">
        <ChartEmpty title="No completed sprints yet">Velocity compares committed and completed points once the first sprint is completed.</ChartEmpty>
      </ChartFrame>
    );
  }
  const average = recentAverage(velocity)!;
  const data = velocity.map((v) => ({ ...v, average }));
  return (
    <ChartFrame
      title="Velocity"
      description={`Committed and completed points per sprint · average of the last ${Math.min(3, velocity.length)}: ${average} pts`}
      summary={velocity.map((v) => `${v.name}: ${v.committed} committed, ${v.completed} completed`).join("; ")}
      legend={
        <ChartLegend
          items={[
            { label: "Committed", color: p.muted, shape: "bar" },
            { label: "Completed", color: p.good, shape: "bar" },
            { label: "Average", color: p.warn, shape: "dashed" },
          ]}
        />
      }
    >
      <div className="h-72">
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: -12 }} barGap={3} barCategoryGap="28%" title="Velocity per sprint">
            <CartesianGrid stroke={p.grid} strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="name" {...axisProps(p)} />
            <YAxis allowDecimals={false} {...axisProps(p)} />
            <Tooltip
              cursor={{ fill: p.cursor }}
              content={({ active, payload }) => {
                const v = active ? (payload?.[0]?.payload as (typeof data)[number] | undefined) : undefined;
                if (!v) return null;
                const rate = v.committed ? Math.round((v.completed / v.committed) * 100) : null;
                return (
                  <TooltipBox title={v.name}>
                    <TooltipRow color={p.muted} label="Committed" value={`${v.committed} pts`} />
                    <TooltipRow color={p.good} label="Completed" value={`${v.completed} pts${rate === null ? "" : ` (${rate}%)`}`} />
                    <TooltipRow color={p.warn} label="Average" value={`${v.average} pts`} />
                  </TooltipBox>
                );
              }}
            />
            <Bar dataKey="committed" name="Committed" fill={p.muted} radius={[3, 3, 0, 0]} isAnimationActive={false} />
            <Bar dataKey="completed" name="Completed" fill={p.good} radius={[3, 3, 0, 0]} isAnimationActive={false} />
            <Line dataKey="average" name="Average" stroke={p.warn} strokeDasharray="6 4" strokeWidth={2} dot={false} activeDot={false} isAnimationActive={false} />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
    </ChartFrame>
  );
}
