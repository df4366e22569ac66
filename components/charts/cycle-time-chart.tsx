"use client";

import { CartesianGrid, ReferenceLine, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from "recharts";
import { format, startOfDay } from "date-fns";
import { axisProps, ChartEmpty, ChartFrame, ChartLegend, shortTime, TooltipBox, TooltipRow, useChartPalette } from "./chart-kit";
import type { ChartsData } from "./types";

const DAY = 86_400_000;

/** Evenly spaced midnight ticks (local time) covering [from, to], about ten of them. */
function dayTicks(from: number, to: number): number[] {
  const start = startOfDay(from).getTime();
  const days = Math.max(1, Math.ceil((to - start) / DAY));
  const step = Math.max(1, Math.ceil(days / 10));
  const out: number[] = [];
  for (let t = start; t < to + step * DAY; t += step * DAY) out.push(t);
  return out.length > 1 ? out : [start, start + DAY];
}

const fmtDays = (d: number) => `${d < 10 ? d.toFixed(1) : Math.round(d)} d`;

export function CycleTimeChart({ cycleTime, days }: { cycleTime: ChartsData["cycleTime"]; days: number }) {
  const p = useChartPalette();
  if (cycleTime.cards.length === 0) {
    return (
      <ChartFrame title="Cycle time">
        <ChartEmpty title={`No cards finished in the last ${days} days`}>Each card that reaches a done column appears here with the days it took from first being worked on.</ChartEmpty>
      </ChartFrame>
    );
  }
  const data = cycleTime.cards.map((c) => ({ x: new Date(c.doneAt).getTime(), y: c.days, key: c.key, title: c.title }));
  const { p50, p85 } = cycleTime;
  const ticks = dayTicks(Math.min(...data.map((c) => c.x)), Math.max(...data.map((c) => c.x)));
  return (
    <ChartFrame
      title="Cycle time"
      description={`Days from start to done for each card finished in the last ${days} days`}
      summary={`${data.length} cards; half took ${p50 === null ? "–" : fmtDays(p50)} or less, 85% took ${p85 === null ? "–" : fmtDays(p85)} or less.`}
      legend={
        <ChartLegend
          items={[
            { label: "Card", color: p.primary, shape: "dot" },
            { label: `50th percentile${p50 === null ? "" : ` (${fmtDays(p50)})`}`, color: p.good, shape: "dashed" },
            { label: `85th percentile${p85 === null ? "" : ` (${fmtDays(p85)})`}`, color: p.warn, shape: "dashed" },
          ]}
        />
      }
    >
      <div className="h-80">
        <ResponsiveContainer width="100%" height="100%">
          <ScatterChart margin={{ top: 8, right: 16, bottom: 0, left: -12 }} title="Cycle time per card">
            <CartesianGrid stroke={p.grid} strokeDasharray="3 3" vertical={false} />
            <XAxis type="number" dataKey="x" name="Done" domain={[ticks[0]!, ticks.at(-1)!]} ticks={ticks} tickFormatter={shortTime} {...axisProps(p)} />
            <YAxis type="number" dataKey="y" name="Days" allowDecimals={false} {...axisProps(p)} />
            <Tooltip
              cursor={{ stroke: p.grid }}
              content={({ active, payload }) => {
                const c = active ? (payload?.[0]?.payload as (typeof data)[number] | undefined) : undefined;
                if (!c) return null;
                return (
                  <TooltipBox title={<span className="font-mono">{c.key}</span>}>
                    <p className="mb-1 text-zinc-800 dark:text-zinc-200">{c.title}</p>
                    <TooltipRow label="Cycle time" value={fmtDays(c.y)} />
                    <TooltipRow label="Done" value={format(new Date(c.x), "MMM d, HH:mm")} />
                  </TooltipBox>
                );
              }}
            />
            {p50 !== null ? <ReferenceLine y={p50} stroke={p.good} strokeDasharray="6 4" strokeWidth={1.5} label={{ value: "50%", position: "insideTopRight", fill: p.good, fontSize: 11 }} /> : null}
            {p85 !== null ? <ReferenceLine y={p85} stroke={p.warn} strokeDasharray="6 4" strokeWidth={1.5} label={{ value: "85%", position: "insideTopRight", fill: p.warn, fontSize: 11 }} /> : null}
            <Scatter data={data} name="Card" fill={p.primary} fillOpacity={0.8} isAnimationActive={false} />
          </ScatterChart>
        </ResponsiveContainer>
      </div>
    </ChartFrame>
  );
}
