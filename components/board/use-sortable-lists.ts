"use client";

import { useEffect, useLayoutEffect, useRef, useState } from "react";
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
  type ScreenReaderInstructions,
  type SensorDescriptor,
  type SensorOptions,
  type UniqueIdentifier,
} from "@dnd-kit/core";
import { arrayMove, sortableKeyboardCoordinates } from "@dnd-kit/sortable";

/** Item keys per list id, in order: the board's lane × column cells, or the backlog and its sprints. */
export type Lists = Record<string, string[]>;

export interface Drop {
  key: string;
  from: string;
  to: string;
  /** Position in the destination list after the drop. */
  index: number;
  /** Neighbours in the destination list after the drop (visible items). */
  after?: string;
  before?: string;
}

// Pointer: the list under the pointer wins, then its closest item; keyboard (no pointer): the nearest
// corners. List droppables carry `data: { type: "container" }` to tell them from items.
const collision: CollisionDetection = (args) => {
  const within = pointerWithin(args);
  if (within.length > 0) {
    const items = within.filter((c) => c.data?.droppableContainer?.data?.current?.type !== "container");
    return items.length > 0 ? closestCorners({ ...args, droppableContainers: args.droppableContainers.filter((d) => items.some((c) => c.id === d.id)) }) : within;
  }
  return closestCorners(args);
};

/** The list holding `id`, or `id` itself when it is a list. */
export function listOf(id: UniqueIdentifier, lists: Lists): string | undefined {
  const s = String(id);
  if (s in lists) return s;
  return Object.keys(lists).find((l) => lists[l]!.includes(s));
}

/**
 * The lists with `key` moved into the list of `overId`: before that item (after it when `below`),
 * or last when `overId` is the list itself. Unchanged while it stays in its list (the sortable
 * strategy shows moves within a list; the drop applies them).
 */
export function moveAcross(lists: Lists, key: string, overId: string, below: boolean): Lists {
  const from = listOf(key, lists);
  const to = listOf(overId, lists);
  if (!from || !to || from === to) return lists;
  const toList = [...lists[to]!];
  const overIndex = toList.indexOf(overId);
  toList.splice(overIndex >= 0 ? overIndex + (below ? 1 : 0) : toList.length, 0, key);
  return { ...lists, [from]: lists[from]!.filter((k) => k !== key), [to]: toList };
}

/**
 * Where a drag of `key` that started in list `from` ends over `overId`: its list, position and new
 * neighbours, or null when it is back where it was in `saved` (nothing to send).
 */
export function dropOf(current: Lists, saved: Lists, from: string, key: string, overId: string): Drop | null {
  const to = listOf(key, current);
  if (!to) return null;
  let list = current[to]!;
  if (overId !== key && listOf(overId, current) === to && list.includes(overId)) list = arrayMove(list, list.indexOf(key), list.indexOf(overId));
  const index = list.indexOf(key);
  if (from === to && saved[from]!.indexOf(key) === index) return null;
  return { key, from, to, index, after: list[index - 1], before: list[index + 1] };
}

/**
 * Sortable items across several lists (@dnd-kit): while a drag is in progress the lists are a local
 * copy that follows the pointer from list to list; on drop, `onDrop` gets the item's new place and
 * neighbours, and nothing when it ends where it started.
 */
export function useSortableLists({
  lists,
  describe,
  onDrop,
  sensors: customSensors,
  announcements: customAnnouncements,
  screenReaderInstructions,
}: {
  lists: Lists;
  /** A list's name for the default announcements ("In progress"). */
  describe: (list: string) => string;
  onDrop: (drop: Drop) => void;
  /** Pointer with a 5px threshold and Space to lift, unless given. */
  sensors?: SensorDescriptor<SensorOptions>[];
  /** Replaces the default announcements; `current` is the lists as they are mid-drag. */
  announcements?: (current: Lists) => Announcements;
  screenReaderInstructions?: ScreenReaderInstructions;
}) {
  const [dragging, setDragging] = useState<Lists | null>(null);
  const [activeKey, setActiveKey] = useState<string | null>(null);
  const origin = useRef<string | null>(null);
  const items = dragging ?? lists;
  const itemsRef = useRef(items);
  useLayoutEffect(() => {
    itemsRef.current = items;
  });

  // Right after an item changes list the layout is still settling (a list grows, the ones below it
  // shift), so the pointer can land over the old list and send it back: an endless ping-pong in lists
  // stacked vertically like the backlog's. Keep the last target until the next frame, as dnd-kit's
  // multi-container example does.
  const lastOverId = useRef<UniqueIdentifier | null>(null);
  const settling = useRef(false);
  useEffect(() => {
    const frame = requestAnimationFrame(() => {
      settling.current = false;
    });
    return () => cancelAnimationFrame(frame);
  }, [dragging]);
  const collisionDetection: CollisionDetection = (args) => {
    if (settling.current && lastOverId.current !== null) return [{ id: lastOverId.current }];
    const hits = collision(args);
    lastOverId.current = hits[0]?.id ?? null;
    return hits;
  };

  const defaultSensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
    useSensor(KeyboardSensor, {
      coordinateGetter: sortableKeyboardCoordinates,
      // Enter opens a board card, so only Space lifts it.
      keyboardCodes: { start: ["Space"], cancel: ["Escape"], end: ["Space", "Enter"] },
    }),
  );

  const position = (id: UniqueIdentifier) => {
    const current = itemsRef.current;
    const l = listOf(id, current);
    if (!l) return "";
    return `${describe(l)}, position ${current[l]!.indexOf(String(id)) + 1} of ${current[l]!.length}`;
  };

  const announcements: Announcements = customAnnouncements?.(items) ?? {
    onDragStart: ({ active }) => `Picked up card ${active.id} in ${position(active.id)}. Use the arrow keys to move it, Space to drop, Escape to cancel.`,
    onDragOver: ({ active, over }) => (over ? `Card ${active.id} is in ${position(active.id)}.` : `Card ${active.id} is no longer over a column.`),
    onDragEnd: ({ active, over }) => (over ? `Dropped card ${active.id} in ${position(active.id)}.` : `Dropped card ${active.id}; it stays where it was.`),
    onDragCancel: ({ active }) => `Moving card ${active.id} was cancelled; it went back to where it was.`,
  };

  const onDragStart = ({ active }: DragStartEvent) => {
    setActiveKey(String(active.id));
    origin.current = listOf(active.id, lists) ?? null;
    setDragging(structuredClone(lists));
  };

  const onDragOver = ({ active, over }: DragOverEvent) => {
    if (!over) return;
    const translated = active.rect.current.translated;
    const below = !!translated && translated.top > over.rect.top + over.rect.height / 2;
    const current = itemsRef.current;
    const next = moveAcross(current, String(active.id), String(over.id), below);
    if (next === current) return;
    settling.current = true;
    setDragging(next);
  };

  const reset = () => {
    lastOverId.current = null;
    settling.current = false;
    setDragging(null);
    setActiveKey(null);
    origin.current = null;
  };

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    const from = origin.current;
    const drop = over && from ? dropOf(itemsRef.current, lists, from, String(active.id), String(over.id)) : null;
    reset();
    if (drop) onDrop(drop);
  };

  return {
    items,
    activeKey,
    context: {
      sensors: customSensors ?? defaultSensors,
      collisionDetection,
      measuring: { droppable: { strategy: MeasuringStrategy.Always } },
      accessibility: { announcements, screenReaderInstructions },
      onDragStart,
      onDragOver,
      onDragEnd,
      onDragCancel: reset,
    },
  };
}
