"use client";

import { useMemo, useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { KeyboardSensor, MouseSensor, TouchSensor, useSensor, useSensors, type Announcements, type DragEndEvent } from "@dnd-kit/core";
import { sortableKeyboardCoordinates } from "@dnd-kit/sortable";
import { errorMessage } from "@/components/forms/server-errors";
import { useToast } from "@/components/ui/toast";
import { useTRPC } from "@/lib/trpc";
import { listOf, useSortableLists, type Drop, type Lists } from "@/components/board/use-sortable-lists";
import { BACKLOG, listsOf, moveCard, type BacklogData } from "./types";

const keysOf = (data: BacklogData): Lists => Object.fromEntries(Object.entries(listsOf(data)).map(([id, cards]) => [id, cards.map((c) => c.key)]));

/** What a screen reader hears while a card is planned: the card, and the sprint or backlog it is over. */
export function planningAnnouncements({
  saved,
  lists,
  listName,
  describeCard,
}: {
  saved: Lists;
  /** The lists as they are mid-drag. */
  lists: Lists;
  listName: (id: string) => string;
  describeCard: (key: string) => string;
}): Announcements {
  const savedListName = (key: string) => listName(listOf(key, saved) ?? BACKLOG);
  return {
    onDragStart: ({ active: a }) => `Picked up ${describeCard(String(a.id))} from ${savedListName(String(a.id))}.`,
    onDragOver: ({ active: a, over }) => {
      if (!over) return `${String(a.id)} is not over a list.`;
      const overId = String(over.id);
      const list = listOf(overId, lists) ?? BACKLOG;
      return overId in lists ? `${String(a.id)} is over ${listName(list)}.` : `${String(a.id)} is over ${overId} in ${listName(list)}.`;
    },
    onDragEnd: ({ active: a, over }) => {
      if (!over) return `${String(a.id)} was dropped back where it was.`;
      const list = listOf(String(over.id), lists) ?? BACKLOG;
      const pos = (lists[list] ?? []).indexOf(String(a.id));
      return `${String(a.id)} was dropped in ${listName(list)}${pos >= 0 ? ` at position ${pos + 1} of ${lists[list]!.length}` : ""}.`;
    },
    onDragCancel: ({ active: a }) => `Moving ${String(a.id)} was cancelled; it is back in ${savedListName(String(a.id))}.`,
  };
}

/**
 * The backlog and its sprints as sortable lists: a drop plans the card into that sprint (or back to
 * the backlog) at that rank, optimistically. Live: board events refetch, but not mid-drag.
 */
export function useBacklogPlanning({ org, projectKey }: { org: string; projectKey: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const input = { org, key: projectKey };
  const queryKey = trpc.board.backlog.queryKey(input);
  const query = useQuery(trpc.board.backlog.queryOptions(input));
  const plan = useMutation(trpc.cards.plan.mutationOptions({ onSettled: () => qc.invalidateQueries({ queryKey }) }));

  const data = query.data;
  const saved = useMemo(() => (data ? keysOf(data) : {}), [data]);
  const cardByKey = useMemo(() => new Map(data ? Object.values(listsOf(data)).flat().map((c) => [c.key, c]) : []), [data]);
  const listName = (id: string) => (id === BACKLOG ? "Backlog" : (data?.sprints.find((s) => s.id === id)?.name ?? "a sprint"));
  const describeCard = (key: string) => `${key} ${cardByKey.get(key)?.title ?? ""}`.trim();

  const onDrop = ({ key, to, index, after, before }: Drop) => {
    const previous = qc.getQueryData<BacklogData>(queryKey);
    void qc.cancelQueries({ queryKey });
    if (previous) qc.setQueryData(queryKey, moveCard(previous, key, to, index));
    plan.mutate(
      { org, cardKey: key, sprintId: to === BACKLOG ? null : to, ...(after ? { after } : before ? { before } : {}) },
      {
        onError: (err) => {
          if (previous) qc.setQueryData(queryKey, previous);
          toast(`${key} was not moved: ${errorMessage(err)}`, { tone: "error" });
        },
      },
    );
  };

  // Rows have a grip as the handle, so Enter may lift too; touch waits for a press so lists still scroll.
  const sensors = useSensors(
    useSensor(MouseSensor, { activationConstraint: { distance: 4 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 200, tolerance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const dnd = useSortableLists({
    lists: saved,
    describe: listName,
    onDrop,
    sensors,
    announcements: (current) => planningAnnouncements({ saved, lists: current, listName, describeCard }),
    screenReaderInstructions: {
      draggable:
        "To move a card, press space or enter. Use the arrow keys to move it within a list or into another sprint or the backlog, then press space or enter to drop it, or escape to cancel.",
    },
  });

  // A refetch mid-drag would reorder the lists under the pointer: remember it, refetch on drop.
  const [staleDuringDrag, setStaleDuringDrag] = useState(false);
  useSubscription(
    trpc.board.events.subscriptionOptions(input, {
      onData: () => {
        if (dnd.activeKey) setStaleDuringDrag(true);
        else void qc.invalidateQueries({ queryKey });
      },
    }),
  );
  const refetchIfStale = () => {
    if (!staleDuringDrag) return;
    setStaleDuringDrag(false);
    void qc.invalidateQueries({ queryKey });
  };

  return {
    query,
    lists: dnd.items,
    cardByKey,
    dragged: dnd.activeKey ? cardByKey.get(dnd.activeKey) : undefined,
    context: {
      ...dnd.context,
      onDragEnd: (e: DragEndEvent) => {
        refetchIfStale();
        dnd.context.onDragEnd(e);
      },
      onDragCancel: () => {
        refetchIfStale();
        dnd.context.onDragCancel();
      },
    },
  };
}
