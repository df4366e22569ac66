"use client";

import { useLayoutEffect, useRef, useState } from "react";
import {
  closestCorners,
  KeyboardSensor,
  MeasuringStrategy,
  PointerSensor,
  pointerWithin,
  useSensor,
  useSensors,
  type Announcements,
  type CollisionDetection,
  type DragEndEvent,
  type DragOverEvent,
  type DragStartEvent,
  type UniqueIdentifier,
} from "@dnd-kit/core";
import { arrayMove, sortableKeyboardCoordinates } from "@dnd-kit/sortable";

export type Containers = Record<string, string[]>;

export interface Drop {
  key: string;
  from: string;
  to: string;
  /** Neighbours in the destination list after the drop (visible cards). */
  after?: string;
  before?: string;
}

// Pointer: the container under the pointer wins; keyboard (no pointer): the nearest corners.
const collision: CollisionDetection = (args) => {
  const within = pointerWithin(args);
  if (within.length > 0) {
    const cards = within.filter((c) => c.data?.droppableContainer?.data?.current?.type !== "container");
    return cards.length > 0 ? closestCorners({ ...args, droppableContainers: args.droppableContainers.filter((d) => cards.some((c) => c.id === d.id)) }) : within;
  }
  return closestCorners(args);
};

/**
 * Multi-container sortable state for the board: while a drag is in progress the lists are a local
 * copy that follows the pointer across columns; on drop, `onDrop` gets the card's new neighbours.
 */
export function useBoardDnd({
  containers,
  describe,
  onDrop,
}: {
  containers: Containers;
  describe: (container: string) => string;
  onDrop: (drop: Drop) => void;
}) {
  const [dragging, setDragging] = useState<Containers | null>(null);
  const [activeKey, setActiveKey] = useState<string | null>(null);
  const origin = useRef<string | null>(null);
  const items = dragging ?? containers;
  const itemsRef = useRef(items);
  useLayoutEffect(() => {
    itemsRef.current = items;
  });

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
    useSensor(KeyboardSensor, {
      coordinateGetter: sortableKeyboardCoordinates,
      // Enter opens the card, so only Space lifts it.
      keyboardCodes: { start: ["Space"], cancel: ["Escape"], end: ["Space", "Enter"] },
    }),
  );

  const find = (id: UniqueIdentifier, lists: Containers): string | undefined => {
    const s = String(id);
    if (s in lists) return s;
    return Object.keys(lists).find((c) => lists[c]!.includes(s));
  };

  const position = (id: UniqueIdentifier) => {
    const lists = itemsRef.current;
    const c = find(id, lists);
    if (!c) return "";
    return `${describe(c)}, position ${lists[c]!.indexOf(String(id)) + 1} of ${lists[c]!.length}`;
  };

  const announcements: Announcements = {
    onDragStart: ({ active }) => `Picked up card ${active.id} in ${position(active.id)}. Use the arrow keys to move it, Space to drop, Escape to cancel.`,
    onDragOver: ({ active, over }) => (over ? `Card ${active.id} is in ${position(active.id)}.` : `Card ${active.id} is no longer over a column.`),
    onDragEnd: ({ active, over }) => (over ? `Dropped card ${active.id} in ${position(active.id)}.` : `Dropped card ${active.id}; it stays where it was.`),
    onDragCancel: ({ active }) => `Moving card ${active.id} was cancelled; it went back to where it was.`,
  };

  const onDragStart = ({ active }: DragStartEvent) => {
    setActiveKey(String(active.id));
    origin.current = find(active.id, containers) ?? null;
    setDragging(structuredClone(containers));
  };

  const onDragOver = ({ active, over }: DragOverEvent) => {
    if (!over) return;
    setDragging((lists) => {
      if (!lists) return lists;
      const from = find(active.id, lists);
      const to = find(over.id, lists);
      if (!from || !to || from === to) return lists;
      const fromList = lists[from]!.filter((k) => k !== active.id);
      const toList = [...lists[to]!];
      const overIndex = toList.indexOf(String(over.id));
      const translated = active.rect.current.translated;
      const below = overIndex >= 0 && translated && translated.top > over.rect.top + over.rect.height / 2;
      const at = overIndex >= 0 ? overIndex + (below ? 1 : 0) : toList.length;
      toList.splice(at, 0, String(active.id));
      return { ...lists, [from]: fromList, [to]: toList };
    });
  };

  const reset = () => {
    setDragging(null);
    setActiveKey(null);
    origin.current = null;
  };

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    const lists = itemsRef.current;
    const from = origin.current;
    const key = String(active.id);
    const to = find(active.id, lists);
    if (!over || !from || !to) return reset();
    let list = lists[to]!;
    const overTo = find(over.id, lists);
    if (overTo === to && over.id !== active.id && list.includes(String(over.id))) {
      list = arrayMove(list, list.indexOf(key), list.indexOf(String(over.id)));
    }
    const i = list.indexOf(key);
    const unchanged = from === to && containers[from]!.indexOf(key) === i;
    reset();
    if (unchanged) return;
    onDrop({ key, from, to, after: list[i - 1], before: list[i + 1] });
  };

  return {
    items,
    activeKey,
    context: {
      sensors,
      collisionDetection: collision,
      measuring: { droppable: { strategy: MeasuringStrategy.Always } },
      accessibility: { announcements },
      onDragStart,
      onDragOver,
      onDragEnd,
      onDragCancel: reset,
    },
  };
}
