"use client";

import { useState, type ReactNode } from "react";
import Link from "next/link";
import { DndContext, DragOverlay } from "@dnd-kit/core";
import { CalendarPlus, ChartLine, Flag, Play, SquareKanban } from "lucide-react";
import { errorMessage } from "@/components/forms/server-errors";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/spinner";
import { SprintUsageTotals } from "@/components/billing/usage-totals";
import { CardRow, SortableCardRow } from "./card-row";
import { pts } from "./format";
import { QuickAdd } from "./quick-add";
import { CompleteSprintDialog, CreateSprintDialog, StartSprintDialog } from "./sprint-dialogs";
import { ActiveProgress, CapacityHint, CountSummary, PlanSection, SprintBadge, sprintMeta } from "./sprint-section";
import { BACKLOG, nextSprintName, sumPoints, type BacklogData, type PlanCard, type PlanSprint } from "./types";
import { useBacklogPlanning } from "./use-backlog-planning";

interface Props {
  org: string;
  projectKey: string;
  canManage: boolean;
  canWrite: boolean;
}

type Dialog = { kind: "create" } | { kind: "start"; sprint: PlanSprint } | { kind: "complete"; sprint: PlanSprint } | null;

/** Scrum planning: sprints and the ranked backlog, with cards dragged between them. */
export function BacklogView({ org, projectKey, canManage, canWrite }: Props) {
  const planning = useBacklogPlanning({ org, projectKey });
  const [dialog, setDialog] = useState<Dialog>(null);
  const { query, lists, cardByKey, dragged } = planning;

  if (query.isPending) return <Skeleton className="h-96" />;
  if (query.isError) return <Alert tone="error">{errorMessage(query.error)}</Alert>;
  const d = query.data;
  if (d.board.kind !== "scrum") return <KanbanNotice org={org} projectKey={projectKey} projectLabel={d.project.key} />;

  const active = d.sprints.find((s) => s.state === "active");
  const planned = d.sprints.filter((s) => s.state === "planned");
  const rows = (id: string) =>
    (lists[id] ?? []).map((key) => {
      const card = cardByKey.get(key);
      return card ? <SortableCardRow key={key} card={card} org={org} projectKey={d.project.key} showStatus={id !== BACKLOG} disabled={!canWrite} /> : null;
    });
  const cardsIn = (id: string) => (lists[id] ?? []).flatMap((k) => cardByKey.get(k) ?? []);

  return (
    <div className="space-y-5">
      <BacklogHeader org={org} projectKey={projectKey} velocity={d.velocity} canManage={canManage} onCreateSprint={() => setDialog({ kind: "create" })} />

      <DndContext {...planning.context}>
        {d.sprints.map((s) => (
          <SprintSection
            key={s.id}
            org={org}
            sprint={s}
            cards={cardsIn(s.id)}
            keys={lists[s.id] ?? []}
            velocity={d.velocity.average}
            canWrite={canWrite}
            canManage={canManage}
            activeSprint={active}
            onStart={(sprint) => setDialog({ kind: "start", sprint })}
            onComplete={(sprint) => setDialog({ kind: "complete", sprint })}
          >
            {rows(s.id)}
          </SprintSection>
        ))}

        <PlanSection
          id={BACKLOG}
          title="Backlog"
          keys={lists[BACKLOG] ?? []}
          empty={d.sprints.length ? "The backlog is empty: every open card is planned into a sprint." : "The backlog is empty. Add a card below."}
          summary={<CountSummary cards={cardsIn(BACKLOG)} />}
          footer={canWrite ? <QuickAdd org={org} projectKey={d.project.key} /> : null}
        >
          {rows(BACKLOG)}
        </PlanSection>

        <DragOverlay>{dragged ? <CardRow card={dragged} org={org} projectKey={d.project.key} showStatus={false} overlay /> : null}</DragOverlay>
      </DndContext>

      {dialog?.kind === "create" ? (
        <CreateSprintDialog org={org} projectKey={d.project.key} defaultName={nextSprintName(d)} onClose={() => setDialog(null)} />
      ) : dialog?.kind === "start" ? (
        <StartSprintDialog org={org} projectKey={d.project.key} sprint={dialog.sprint} onClose={() => setDialog(null)} />
      ) : dialog?.kind === "complete" ? (
        <CompleteSprintDialog org={org} projectKey={d.project.key} sprint={dialog.sprint} planned={planned} onClose={() => setDialog(null)} />
      ) : null}
    </div>
  );
}

function KanbanNotice({ org, projectKey, projectLabel }: { org: string; projectKey: string; projectLabel: string }) {
  return (
    <EmptyState
      icon={SquareKanban}
      title={`${projectLabel} runs on a Kanban board`}
      action={
        <div className="flex gap-2">
          <Link href={`/${org}/${projectKey}/board`} className={buttonClass({ variant: "primary" })}>
            Open the board
          </Link>
          <Link href={`/${org}/${projectKey}/reports`} className={buttonClass()}>
            <ChartLine className="size-4" aria-hidden />
            View reports
          </Link>
        </div>
      }
    >
      Kanban has no sprints to plan: work flows continuously across the board. Cumulative flow and cycle time in Reports show how it moves.
    </EmptyState>
  );
}

function BacklogHeader({
  org,
  projectKey,
  velocity,
  canManage,
  onCreateSprint,
}: {
  org: string;
  projectKey: string;
  velocity: BacklogData["velocity"];
  canManage: boolean;
  onCreateSprint: () => void;
}) {
  return (
    <div className="flex flex-wrap items-center justify-between gap-3">
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        {velocity.average === null ? (
          "No completed sprints yet: velocity appears after the first one."
        ) : (
          <>
            Velocity <span className="font-semibold text-zinc-900 tabular-nums dark:text-zinc-100">{pts(velocity.average)}</span> on average over the last{" "}
            {velocity.recent.length === 1 ? "sprint" : `${velocity.recent.length} sprints`} ({velocity.recent.map((s) => s.completed).join(", ")})
          </>
        )}
      </p>
      <div className="flex items-center gap-2">
        <Link href={`/${org}/${projectKey}/reports`} className={buttonClass({ variant: "ghost", size: "sm" })}>
          <ChartLine className="size-4" aria-hidden />
          Reports
        </Link>
        {canManage ? (
          <Button size="sm" variant="primary" onClick={onCreateSprint}>
            <CalendarPlus className="size-4" aria-hidden />
            Create sprint
          </Button>
        ) : null}
      </div>
    </div>
  );
}

/** A sprint's planning list: its progress (active) or capacity (planned), and Start or Complete. */
function SprintSection({
  org,
  sprint,
  cards,
  keys,
  velocity,
  canWrite,
  canManage,
  activeSprint,
  onStart,
  onComplete,
  children,
}: {
  org: string;
  sprint: PlanSprint;
  /** The sprint's cards as currently shown (mid-drag included). */
  cards: PlanCard[];
  keys: string[];
  velocity: number | null;
  canWrite: boolean;
  canManage: boolean;
  activeSprint: PlanSprint | undefined;
  onStart: (sprint: PlanSprint) => void;
  onComplete: (sprint: PlanSprint) => void;
  children: ReactNode;
}) {
  const isActive = sprint.state === "active";
  const shown = { ...sprint, cards };
  return (
    <PlanSection
      id={sprint.id}
      title={sprint.name}
      badge={<SprintBadge state={sprint.state} />}
      meta={sprintMeta(sprint)}
      goal={sprint.goal || undefined}
      keys={keys}
      empty={canWrite ? "Drag cards here from the backlog to plan them into this sprint." : "No cards planned yet."}
      summary={
        <>
          <CountSummary cards={cards} />
          <SprintUsageTotals org={org} sprintId={sprint.id} />
          {isActive ? <ActiveProgress sprint={shown} /> : <CapacityHint planned={sumPoints(cards)} velocity={velocity} />}
        </>
      }
      actions={
        !canManage ? null : isActive ? (
          <Button size="sm" onClick={() => onComplete(shown)}>
            <Flag className="size-3.5" aria-hidden />
            Complete sprint
          </Button>
        ) : (
          <Button
            size="sm"
            onClick={() => onStart(shown)}
            disabled={!!activeSprint}
            title={activeSprint ? `Complete ${activeSprint.name} before starting another sprint` : undefined}
            aria-label={`Start ${sprint.name}`}
          >
            <Play className="size-3.5" aria-hidden />
            Start sprint
          </Button>
        )
      }
    >
      {children}
    </PlanSection>
  );
}
