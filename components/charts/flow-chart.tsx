"use client";

import { Area, AreaChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { axisProps, ChartEmpty, ChartFrame, ChartLegend, shortDate, TooltipBox, TooltipRow, useChartPalette, type ChartPalette } from "./chart-kit";
import type { ChartsData } from "./types";

type Column = ChartsData["flow"]["columns"][number];

/** One colour per column: greens for done, blues and violets for doing, greys for to do. */
function columnColors(columns: Column[], p: ChartPalette): Map<string, string> {
  const seen = { todo: 0, doing: 0, done: 0 };
  return new Map(
    columns.map((c) => {
      const shades = p[c.category as keyof typeof seen] ?? p.todo;
      return [c.id, shades[seen[c.category as keyof typeof seen]++ % shades.length]!];
    }),
  );
}

export function FlowChart({ flow, days, controls }: { flow: ChartsData["flow"]; days: number; controls?: React.ReactNode }) {
  const p = useChartPalette();
  const total = flow.days.reduce((n, d) => n + Object.values(d.counts).reduce((a, b) => a + b, 0), 0);
  if (total === 0) {
    return (
      <ChartFrame title="Cumulative flow" controls={controls}>
        <ChartEmpty title="No cards yet">Cards per column are drawn here day by day once cards exist on the board.</ChartEmpty>
      </ChartFrame>
    );
  }
  const colors = columnColors(flow.columns, p);
  // Areas stack in render order: draw done first so it sits at the bottom.
  const stacked = [...flow.columns].reverse();
  const data = flow.days.map((d) => ({ date: d.date, ...d.counts }));
  const lastDay = flow.days.at(-1)!;
  return (
    <ChartFrame
      title="Cumulative flow"
      description={`Cards in each column at the end of each day, last ${days} days; widening bands show work piling up.`}
      controls={controls}
      summary={`Today: ${flow.columns.map((c) => `${lastDay.counts[c.id] ?? 0} in ${c.name}`).join(", ")}.`}
      legend={<ChartLegend items={flow.columns.map((c) => ({ label: c.name, color: colors.get(c.id)!, shape: "area" as const }))} />}
    >
      <div className="h-80">
        <ResponsiveContainer width="100%" height="100%">
          <AreaChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: -12 }} title="Cumulative flow diagram">
            <CartesianGrid stroke={p.grid} strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="date" tickFormatter={shortDate} minTickGap={24} {...axisProps(p)} />
            <YAxis allowDecimals={false} {...axisProps(p)} />
            <Tooltip
              cursor={{ stroke: p.axis, strokeDasharray: "2 3" }}
              content={({ active, payload }) => {
                const row = active ? (payload?.[0]?.payload as Record<string, number | string> | undefined) : undefined;
                if (!row) return null;
                return (
                  <TooltipBox title={shortDate(String(row.date))}>
                    {flow.columns.map((c) => (
                      <TooltipRow key={c.id} color={colors.get(c.id)} label={c.name} value={row[c.id] ?? 0} />
                    ))}
                  </TooltipBox>
                );
              }}
            />
            {stacked.map((c) => (
              <Area
                key={c.id}
                type="monotone"
                dataKey={c.id}
                name={c.name}
                stackId="flow"
                stroke={colors.get(c.id)}
                fill={colors.get(c.id)}
                fillOpacity={0.75}
                strokeWidth={1}
                isAnimationActive={false}
              />
            ))}
          </AreaChart>
        </ResponsiveContainer>
      </div>
    </ChartFrame>
  );
}
