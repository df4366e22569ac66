"use client";

import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { format } from "date-fns";
import { Select } from "@/components/ui/select";
import { axisProps, ChartEmpty, ChartFrame, ChartLegend, shortDate, TooltipBox, TooltipRow, useChartPalette, type ChartPalette } from "./chart-kit";
import type { BurndownData, ChartsData } from "./types";

type Change = BurndownData["scopeChanges"][number];
interface Point {
  date: string;
  remaining: number | null;
  ideal: number;
  scope: number | null;
  changes: Change[];
}

const CHANGE_LABEL = { added: "added", removed: "removed", estimate: "re-estimated" } as const;
const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

export function BurndownChart({
  burndown,
  sprints,
  sprintId,
  onSprint,
}: {
  burndown: ChartsData["burndown"];
  sprints: ChartsData["sprints"];
  sprintId: string | undefined;
  onSprint: (id: string) => void;
}) {
  const p = useChartPalette();
  const selector =
    sprints.length > 0 ? (
      <Select
        density="sm"
        inline
        aria-label="Sprint"
        value={sprintId ?? burndown?.sprint.id ?? ""}
        onChange={(e) => onSprint(e.target.value)}
      >
        {[...sprints].reverse().map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
            {s.state === "active" ? " (active)" : ""}
          </option>
        ))}
      </Select>
    ) : null;

  if (!burndown) {
    return (
      <ChartFrame title="Sprint burndown" controls={selector}>
        <ChartEmpty title="No sprint to burn down yet">Start a sprint from the backlog: its remaining points are plotted here day by day.</ChartEmpty>
      </ChartFrame>
    );
  }
  const byDate = new Map<string, Change[]>();
  for (const c of burndown.scopeChanges) byDate.set(c.date, [...(byDate.get(c.date) ?? []), c]);
  const data: Point[] = burndown.days.map((d) => {
    const changes = byDate.get(d.date) ?? [];
    return { ...d, changes, scope: changes.length ? (d.remaining ?? d.ideal) : null };
  });
  const today = format(new Date(), "yyyy-MM-dd");
  const showToday = burndown.sprint.state === "active" && data.some((d) => d.date === today);
  const last = [...data].reverse().find((d) => d.remaining !== null);
  const s = burndown.sprint;

  return (
    <ChartFrame
      title="Sprint burndown"
      description={`${s.name}: ${shortDate(s.startDate)} – ${shortDate(s.endDate)} · ${burndown.committed} pts committed${s.goal ? ` · ${s.goal}` : ""}`}
      controls={selector}
      summary={`${s.name}: ${burndown.committed} points committed, ${last?.remaining ?? burndown.committed} remaining on ${last ? shortDate(last.date) : "day one"}, ${burndown.scopeChanges.length} scope changes.`}
      legend={
        <ChartLegend
          items={[
            { label: "Remaining", color: p.primary, shape: "line" },
            { label: "Ideal", color: p.muted, shape: "dashed" },
            ...(burndown.scopeChanges.length ? [{ label: "Scope change", color: p.warn, shape: "triangle" as const }] : []),
          ]}
        />
      }
    >
      <div className="h-72">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: -12 }} title={`Burndown of ${s.name}`}>
            <CartesianGrid stroke={p.grid} strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="date" tickFormatter={shortDate} minTickGap={16} {...axisProps(p)} />
            <YAxis allowDecimals={false} {...axisProps(p)} />
            <Tooltip cursor={{ stroke: p.grid }} content={({ active, payload }) => (active && payload?.[0] ? <BurnTip point={payload[0].payload as Point} p={p} /> : null)} />
            {showToday ? <ReferenceLine x={today} stroke={p.axis} strokeDasharray="2 4" label={{ value: "Today", position: "insideTopRight", fill: p.axis, fontSize: 11 }} /> : null}
            <Line type="linear" dataKey="ideal" name="Ideal" stroke={p.muted} strokeDasharray="5 4" strokeWidth={1.5} dot={false} isAnimationActive={false} />
            <Line type="linear" dataKey="remaining" name="Remaining" stroke={p.primary} strokeWidth={2.5} dot={{ r: 2.5, fill: p.primary, strokeWidth: 0 }} connectNulls={false} isAnimationActive={false} />
            <Line
              dataKey="scope"
              name="Scope change"
              stroke="none"
              isAnimationActive={false}
              activeDot={false}
              dot={(props: { cx?: number; cy?: number; index?: number; value?: unknown }) =>
                props.value == null || props.cx == null || props.cy == null ? (
                  <g key={props.index} />
                ) : (
                  <path key={props.index} d={`M${props.cx} ${props.cy - 12} l6 10 h-12 z`} fill={p.warn} stroke={p.surface} strokeWidth={1} />
                )
              }
            />
          </LineChart>
        </ResponsiveContainer>
      </div>
    </ChartFrame>
  );
}

function BurnTip({ point, p }: { point: Point; p: ChartPalette }) {
  return (
    <TooltipBox title={shortDate(point.date)}>
      <TooltipRow color={p.primary} label="Remaining" value={point.remaining === null ? "–" : `${point.remaining} pts`} />
      <TooltipRow color={p.muted} label="Ideal" value={`${point.ideal} pts`} />
      {point.changes.length ? (
        <div className="mt-1.5 border-t border-zinc-200 pt-1.5 dark:border-zinc-700">
          <p className="mb-0.5 font-medium text-amber-700 dark:text-amber-300">Scope changes</p>
          {point.changes.map((c, i) => (
            <p key={i}>
              <span className="font-mono">{c.card}</span> {CHANGE_LABEL[c.kind]} ({signed(c.points)} pts)
            </p>
          ))}
        </div>
      ) : null}
    </TooltipBox>
  );
}
