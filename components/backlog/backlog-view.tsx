"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import Link from "next/link";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import {
  closestCenter,
  DndContext,
  DragOverlay,
  KeyboardSensor,
  MouseSensor,
  TouchSensor,
  useSensor,
  useSensors,
  getFirstCollision,
  pointerWithin,
  rectIntersection,
  type Announcements,
  type CollisionDetection,
  type DragEndEvent,
  type DragOverEvent,
  type DragStartEvent,
} from "@dnd-kit/core";
import { arrayMove, sortableKeyboardCoordinates } from "@dnd-kit/sortable";
import { CalendarPlus, ChartLine, Flag, Play, SquareKanban } from "lucide-react";
import { errorMessage } from "@/components/forms/server-errors";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/spinner";
import { useToast } from "@/components/ui/toast";
import { useTRPC } from "@/lib/trpc";
import { CardRow, SortableCardRow } from "./card-row";
import { pts } from "./format";
import { QuickAdd } from "./quick-add";
import { CompleteSprintDialog, CreateSprintDialog, StartSprintDialog } from "./sprint-dialogs";
import { ActiveProgress, CapacityHint, CountSummary, PlanSection, SprintBadge, sprintMeta } from "./sprint-section";
import { BACKLOG, listsOf, moveCard, nextSprintName, sumPoints, type BacklogData, type PlanSprint } from "./types";
import { SprintUsageTotals } from "@/components/billing/usage-totals";

interface Props {
  org: string;
  projectKey: string;
  canManage: boolean;
  canWrite: boolean;
}

type Lists = Record<string, string[]>;
type Dialog = { kind: "create" } | { kind: "start"; sprint: PlanSprint } | { kind: "complete"; sprint: PlanSprint } | null;

const keysOf = (data: BacklogData): Lists => Object.fromEntries(Object.entries(listsOf(data)).map(([id, cards]) => [id, cards.map((c) => c.key)]));
const containerOf = (id: string, lists: Lists) => (id in lists ? id : Object.keys(lists).find((l) => lists[l]!.includes(id)));

export function BacklogView({ org, projectKey, canManage, canWrite }: Props) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const input = { org, key: projectKey };
  const queryKey = trpc.board.backlog.queryKey(input);
  const query = useQuery(trpc.board.backlog.queryOptions(input));
  const [drag, setDrag] = useState<{ active: string; from: string; lists: Lists } | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [staleDuringDrag, setStaleDuringDrag] = useState(false);

  useSubscription(
    trpc.board.events.subscriptionOptions(input, {
      onData: () => {
        if (drag) setStaleDuringDrag(true);
        else void qc.invalidateQueries({ queryKey });
      },
    }),
  );
  const plan = useMutation(trpc.cards.plan.mutationOptions({ onSettled: () => qc.invalidateQueries({ queryKey }) }));

  // Multi-list sorting as in the dnd-kit example: prefer the list under the pointer, then its closest
  // card; right after a card changes list, keep the last target until layout settles (no ping-pong).
  const lastOverId = useRef<string | null>(null);
  const movedToNewList = useRef(false);
  const dragLists = drag?.lists;
  useEffect(() => {
    const id = requestAnimationFrame(() => {
      movedToNewList.current = false;
    });
    return () => cancelAnimationFrame(id);
  }, [dragLists]);
  const collision: CollisionDetection = useCallback(
    (args) => {
      if (!dragLists) return closestCenter(args);
      const pointer = pointerWithin(args);
      let overId = getFirstCollision(pointer.length > 0 ? pointer : rectIntersection(args), "id") as string | null;
      if (overId != null) {
        const inList = dragLists[overId];
        if (inList && inList.length > 0) {
          const closest = closestCenter({ ...args, droppableContainers: args.droppableContainers.filter((c) => inList.includes(String(c.id))) });
          overId = closest[0] ? String(closest[0].id) : overId;
        }
        lastOverId.current = overId;
        return [{ id: overId }];
      }
      if (movedToNewList.current) lastOverId.current = String(args.active.id);
      return lastOverId.current ? [{ id: lastOverId.current }] : [];
    },
    [dragLists],
  );

  const sensors = useSensors(
    useSensor(MouseSensor, { activationConstraint: { distance: 4 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 200, tolerance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );

  const data = query.data;
  const cardByKey = useMemo(() => new Map(data ? Object.values(listsOf(data)).flat().map((c) => [c.key, c]) : []), [data]);
  const listName = (id: string) => (id === BACKLOG ? "Backlog" : (data?.sprints.find((s) => s.id === id)?.name ?? "a sprint"));
  const describe = (key: string) => `${key} ${cardByKey.get(key)?.title ?? ""}`.trim();

  if (query.isPending) return <Skeleton className="h-96" />;
  if (query.isError) return <Alert tone="error">{errorMessage(query.error)}</Alert>;
  const d = query.data;

  if (d.board.kind !== "scrum") {
    return (
      <EmptyState
        icon={SquareKanban}
        title={`${d.project.key} runs on a Kanban board`}
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

  const base = keysOf(d);
  const lists = drag?.lists ?? base;
  const active = d.sprints.find((s) => s.state === "active");
  const planned = d.sprints.filter((s) => s.state === "planned");
  const velocity = d.velocity.average;

  const onDragStart = ({ active: a }: DragStartEvent) => {
    const key = String(a.id);
    setDrag({ active: key, from: containerOf(key, base) ?? BACKLOG, lists: base });
  };

  const onDragOver = ({ active: a, over }: DragOverEvent) => {
    if (!over) return;
    const key = String(a.id);
    const overId = String(over.id);
    setDrag((cur) => {
      if (!cur) return cur;
      const from = containerOf(key, cur.lists);
      const to = containerOf(overId, cur.lists);
      if (!from || !to || from === to) return cur;
      movedToNewList.current = true;
      const target = cur.lists[to]!;
      let index = overId in cur.lists ? target.length : target.indexOf(overId);
      const rect = a.rect.current.translated;
      if (!(overId in cur.lists) && rect && rect.top + rect.height / 2 > over.rect.top + over.rect.height / 2) index += 1;
      return {
        ...cur,
        lists: { ...cur.lists, [from]: cur.lists[from]!.filter((k) => k !== key), [to]: [...target.slice(0, index), key, ...target.slice(index)] },
      };
    });
  };

  const finishDrag = () => {
    setDrag(null);
    if (staleDuringDrag) {
      setStaleDuringDrag(false);
      void qc.invalidateQueries({ queryKey });
    }
  };

  const onDragEnd = ({ active: a, over }: DragEndEvent) => {
    const cur = drag;
    finishDrag();
    if (!over || !cur) return;
    const key = String(a.id);
    const container = containerOf(key, cur.lists);
    if (!container) return;
    let list = cur.lists[container]!;
    const overId = String(over.id);
    if (containerOf(overId, cur.lists) === container) {
      const from = list.indexOf(key);
      const to = overId in cur.lists ? list.length - 1 : list.indexOf(overId);
      if (from !== to) list = arrayMove(list, from, to);
    }
    const index = list.indexOf(key);
    if (container === cur.from && base[container]!.indexOf(key) === index) return;
    const after = list[index - 1];
    const before = list[index + 1];
    const previous = qc.getQueryData<BacklogData>(queryKey);
    void qc.cancelQueries({ queryKey });
    if (previous) qc.setQueryData(queryKey, moveCard(previous, key, container, index));
    plan.mutate(
      { org, cardKey: key, sprintId: container === BACKLOG ? null : container, ...(after ? { after } : before ? { before } : {}) },
      {
        onError: (err) => {
          if (previous) qc.setQueryData(queryKey, previous);
          toast(`${key} was not moved: ${errorMessage(err)}`, { tone: "error" });
        },
      },
    );
  };

  const announcements: Announcements = {
    onDragStart: ({ active: a }) => `Picked up ${describe(String(a.id))} from ${listName(containerOf(String(a.id), base) ?? BACKLOG)}.`,
    onDragOver: ({ active: a, over }) => {
      if (!over) return `${String(a.id)} is not over a list.`;
      const overId = String(over.id);
      const list = containerOf(overId, lists) ?? BACKLOG;
      return overId in lists ? `${String(a.id)} is over ${listName(list)}.` : `${String(a.id)} is over ${overId} in ${listName(list)}.`;
    },
    onDragEnd: ({ active: a, over }) => {
      if (!over) return `${String(a.id)} was dropped back where it was.`;
      const list = containerOf(String(over.id), lists) ?? BACKLOG;
      const pos = (lists[list] ?? []).indexOf(String(a.id));
      return `${String(a.id)} was dropped in ${listName(list)}${pos >= 0 ? ` at position ${pos + 1} of ${lists[list]!.length}` : ""}.`;
    },
    onDragCancel: ({ active: a }) => `Moving ${String(a.id)} was cancelled; it is back in ${listName(containerOf(String(a.id), base) ?? BACKLOG)}.`,
  };

  const rows = (id: string) =>
    (lists[id] ?? []).map((key) => {
      const card = cardByKey.get(key);
      return card ? <SortableCardRow key={key} card={card} org={org} projectKey={d.project.key} showStatus={id !== BACKLOG} disabled={!canWrite} /> : null;
    });
  const cardsIn = (id: string) => (lists[id] ?? []).flatMap((k) => cardByKey.get(k) ?? []);
  const dragged = drag ? cardByKey.get(drag.active) : undefined;

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          {velocity === null ? (
            "No completed sprints yet: velocity appears after the first one."
          ) : (
            <>
              Velocity <span className="font-semibold text-zinc-900 tabular-nums dark:text-zinc-100">{pts(velocity)}</span> on average over the last{" "}
              {d.velocity.recent.length === 1 ? "sprint" : `${d.velocity.recent.length} sprints`} (
              {d.velocity.recent.map((s) => s.completed).join(", ")})
            </>
          )}
        </p>
        <div className="flex items-center gap-2">
          <Link href={`/${org}/${projectKey}/reports`} className={buttonClass({ variant: "ghost", size: "sm" })}>
            <ChartLine className="size-4" aria-hidden />
            Reports
          </Link>
          {canManage ? (
            <Button size="sm" variant="primary" onClick={() => setDialog({ kind: "create" })}>
              <CalendarPlus className="size-4" aria-hidden />
              Create sprint
            </Button>
          ) : null}
        </div>
      </div>

      <DndContext
        sensors={sensors}
        collisionDetection={collision}
        onDragStart={onDragStart}
        onDragOver={onDragOver}
        onDragEnd={onDragEnd}
        onDragCancel={finishDrag}
        accessibility={{
          announcements,
          screenReaderInstructions: {
            draggable:
              "To move a card, press space or enter. Use the arrow keys to move it within a list or into another sprint or the backlog, then press space or enter to drop it, or escape to cancel.",
          },
        }}
      >
        {d.sprints.map((s) => {
          const cards = cardsIn(s.id);
          const isActive = s.state === "active";
          return (
            <PlanSection
              key={s.id}
              id={s.id}
              title={s.name}
              badge={<SprintBadge state={s.state} />}
              meta={sprintMeta(s)}
              goal={s.goal || undefined}
              keys={lists[s.id] ?? []}
              empty={canWrite ? "Drag cards here from the backlog to plan them into this sprint." : "No cards planned yet."}
              summary={
                <>
                  <CountSummary cards={cards} />
                  <SprintUsageTotals org={org} sprintId={s.id} />
                  {isActive ? <ActiveProgress sprint={{ ...s, cards }} /> : <CapacityHint planned={sumPoints(cards)} velocity={velocity} />}
                </>
              }
              actions={
                canManage ? (
                  isActive ? (
                    <Button size="sm" onClick={() => setDialog({ kind: "complete", sprint: { ...s, cards } })}>
                      <Flag className="size-3.5" aria-hidden />
                      Complete sprint
                    </Button>
                  ) : (
                    <Button
                      size="sm"
                      onClick={() => setDialog({ kind: "start", sprint: { ...s, cards } })}
                      disabled={!!active}
                      title={active ? `Complete ${active.name} before starting another sprint` : undefined}
                      aria-label={`Start ${s.name}`}
                    >
                      <Play className="size-3.5" aria-hidden />
                      Start sprint
                    </Button>
                  )
                ) : null
              }
            >
              {rows(s.id)}
            </PlanSection>
          );
        })}

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
