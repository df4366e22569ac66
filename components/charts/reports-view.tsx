"use client";

import { useState } from "react";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { errorMessage } from "@/components/forms/server-errors";
import { Alert } from "@/components/ui/alert";
import { Skeleton } from "@/components/ui/spinner";
import { useTRPC } from "@/lib/trpc";
import { BurndownChart } from "./burndown-chart";
import { Segmented } from "./chart-kit";
import { CycleTimeChart } from "./cycle-time-chart";
import { FlowChart } from "./flow-chart";
import { VelocityChart } from "./velocity-chart";
import { SprintUsageTotals } from "@/components/billing/usage-totals";

const DAY_OPTIONS = [14, 30, 90].map((d) => ({ value: d, label: `${d} days` }));

/** Burndown and velocity for Scrum boards, cumulative flow and cycle time for every board. */
export function ReportsView({ org, projectKey }: { org: string; projectKey: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [sprintId, setSprintId] = useState<string | undefined>();
  const [days, setDays] = useState(30);
  const query = useQuery({ ...trpc.board.charts.queryOptions({ org, key: projectKey, sprintId, days }), placeholderData: keepPreviousData });
  useSubscription(
    trpc.board.events.subscriptionOptions({ org, key: projectKey }, { onData: () => void qc.invalidateQueries({ queryKey: trpc.board.charts.pathKey() }) }),
  );

  if (query.isPending) {
    return (
      <div className="grid gap-5 lg:grid-cols-2">
        <Skeleton className="h-96" />
        <Skeleton className="h-96" />
      </div>
    );
  }
  if (query.isError) return <Alert tone="error">{errorMessage(query.error)}</Alert>;
  const d = query.data;
  const daysControl = <Segmented label="History" value={days} options={DAY_OPTIONS} onChange={setDays} />;

  return (
    <div className="space-y-5" aria-busy={query.isFetching || undefined}>
      {d.board.kind === "scrum" ? (
        <div className="grid gap-5 xl:grid-cols-2">
          <div>
            <BurndownChart burndown={d.burndown} sprints={d.sprints} sprintId={sprintId} onSprint={setSprintId} />
            {d.burndown ? <SprintUsageTotals org={org} sprintId={d.burndown.sprint.id} className="mt-2 block text-xs text-zinc-500 tabular-nums dark:text-zinc-400" /> : null}
          </div>
          <VelocityChart velocity={d.velocity} />
        </div>
      ) : (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          This is a Kanban board: it has no sprints, so flow and cycle time tell how work moves. Switch the board to Scrum for burndown and velocity.
        </p>
      )}
      <FlowChart flow={d.flow} days={days} controls={daysControl} />
      <CycleTimeChart cycleTime={d.cycleTime} days={days} />
    </div>
  );
}
