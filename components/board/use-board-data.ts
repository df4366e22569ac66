"use client";

import { useMemo } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useTRPC, useTRPCClient } from "@/lib/trpc";
import { cardMatcher, containerId, hasFilters, lanesFor, moveInBoard, parseContainer } from "./board-model";
import type { BoardCard, BoardData, BoardFilters } from "./types";
import type { Drop, Lists } from "./use-sortable-lists";

/**
 * The board, its members and what the filters and swimlanes make of them: one sortable list per
 * lane × column. Live: every board event refetches. `moveCard` applies a drop optimistically.
 */
export function useBoardData({ org, projectKey, userId, filters, onError }: { org: string; projectKey: string; userId: string; filters: BoardFilters; onError: (message: string) => void }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const qc = useQueryClient();
  const boardInput = { org, key: projectKey };
  const boardKey = trpc.board.get.queryKey(boardInput);
  const board = useQuery(trpc.board.get.queryOptions(boardInput));
  const membersQ = useQuery(trpc.members.list.queryOptions({ org }));
  const members = useMemo(() => membersQ.data ?? [], [membersQ.data]);

  useSubscription(
    trpc.board.events.subscriptionOptions(boardInput, {
      onData: () => {
        void qc.invalidateQueries({ queryKey: boardKey });
        void qc.invalidateQueries({ queryKey: trpc.cards.get.pathKey() });
      },
    }),
  );

  const data = board.data;
  const lanes = useMemo(() => (data ? lanesFor(filters.lanes, data, members) : []), [data, filters.lanes, members]);
  const { containers, cardsByKey, labels, visibleCount } = useMemo(() => {
    const containers: Lists = {};
    const cardsByKey = new Map<string, BoardCard>();
    const labels = new Set<string>();
    let visibleCount = 0;
    if (!data) return { containers, cardsByKey, labels: [], visibleCount };
    const match = cardMatcher(filters, userId);
    for (const col of data.columns) {
      for (const c of col.cards) {
        cardsByKey.set(c.key, c);
        for (const l of c.labels) labels.add(l);
      }
      const visible = col.cards.filter(match);
      visibleCount += visible.length;
      for (const lane of lanes) containers[containerId(lane.id, col.id)] = visible.filter(lane.match).map((c) => c.key);
    }
    return { containers, cardsByKey, labels: [...labels].sort(), visibleCount };
  }, [data, filters, userId, lanes]);
  // While filtering, lanes without a matching card only add noise.
  const shownLanes = hasFilters(filters) && lanes.length > 1 ? lanes.filter((l) => data?.columns.some((col) => containers[containerId(l.id, col.id)]!.length > 0)) : lanes;

  /** "In progress", or "In progress (Data scientists)" with swimlanes: for screen reader announcements. */
  const containerName = (container: string) => {
    const { laneId, columnId } = parseContainer(container);
    const col = data?.columns.find((c) => c.id === columnId)?.name ?? "a column";
    const lane = lanes.find((l) => l.id === laneId);
    return lane && lane.id !== "all" ? `${col} (${lane.title})` : col;
  };

  const moveCard = (drop: Drop) => {
    const card = cardsByKey.get(drop.key);
    const snapshot = qc.getQueryData<BoardData>(boardKey);
    if (!card || !snapshot) return;
    const { laneId: fromLane } = parseContainer(drop.from);
    const { laneId: toLane, columnId } = parseContainer(drop.to);
    // Dropped into another swimlane: the card takes that lane's role or assignee.
    const lanePatch = fromLane !== toLane ? lanes.find((l) => l.id === toLane)?.patch : null;
    const where = drop.after ? { after: drop.after } : drop.before ? { before: drop.before } : {};
    const cachePatch = lanePatch
      ? { ...lanePatch, ...(lanePatch.assigneeId !== undefined ? { assigneeName: members.find((m) => m.userId === lanePatch.assigneeId)?.name ?? null } : {}) }
      : {};
    void qc.cancelQueries({ queryKey: boardKey });
    qc.setQueryData<BoardData>(boardKey, moveInBoard(snapshot, drop.key, columnId, where, cachePatch));
    client.cards.move
      .mutate({ org, cardKey: drop.key, column: columnId, ...where, ...((lanePatch ?? {}) as { role?: null; assigneeId?: string | null }) })
      .catch((err: Error) => {
        qc.setQueryData(boardKey, snapshot);
        onError(err.message);
      })
      .finally(() => void qc.invalidateQueries({ queryKey: boardKey }));
  };

  return { board, data, members, containers, cardsByKey, labels, visibleCount, shownLanes, containerName, moveCard };
}
