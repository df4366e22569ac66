"use client";

import { useToast } from "@/components/ui/toast";

import { useEffect, useMemo, useRef, useState } from "react";
import Link from "next/link";
import { DndContext, DragOverlay } from "@dnd-kit/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { format, parseISO } from "date-fns";
import { CalendarRange, Plus, SearchX, Settings2 } from "lucide-react";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClass } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Menu, menuItemClass, MenuLabel } from "@/components/ui/menu";
import { useTRPC, useTRPCClient } from "@/lib/trpc";
import { CardPanel } from "@/components/cards/card-panel";
import { RunLinkLive } from "@/components/runs/run-link-badge";
import { NewCardDialog } from "@/components/cards/new-card-dialog";
import { CardView } from "./board-card";
import { BoardCanvas } from "./board-canvas";
import { cardMatcher, containerId, hasFilters, lanesFor, moveInBoard, parseContainer } from "./board-model";
import { BoardSkeleton } from "./board-skeleton";
import { BoardToolbar, SwimlaneToggle } from "./board-toolbar";
import { ColumnDialog, type ColumnDraft } from "./column-dialog";
import type { BoardColumn, BoardData } from "./types";
import { useBoardDnd, type Containers, type Drop } from "./use-board-dnd";
import { useBoardUrl } from "./use-board-url";

function isTyping(t: EventTarget | null) {
  const el = t as HTMLElement | null;
  return !!el && (["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName) || el.isContentEditable);
}

export function Board({ org, projectKey, userId, canWrite, canConfigure }: { org: string; projectKey: string; userId: string; canWrite: boolean; canConfigure: boolean }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const qc = useQueryClient();
  const boardInput = { org, key: projectKey };
  const boardKey = trpc.board.get.queryKey(boardInput);
  const board = useQuery(trpc.board.get.queryOptions(boardInput));
  const membersQ = useQuery(trpc.members.list.queryOptions({ org }));
  const members = useMemo(() => membersQ.data ?? [], [membersQ.data]);
  const url = useBoardUrl();
  const { openCard, wantsNew, wantsRun, setParams } = url;
  // The search box types into local state (the URL follows), so fast typing never loses keystrokes.
  const [q, setQ] = useState(url.filters.q);
  const filters = useMemo(() => ({ ...url.filters, q }), [url.filters, q]);
  const changeFilters = (patch: Record<string, string | null>) => {
    if ("q" in patch) setQ(patch.q ?? "");
    setParams(patch);
  };
  const showToast = useToast();
  const toast = { show: (message: string) => showToast(message, { tone: "error" }) };
  const searchRef = useRef<HTMLInputElement>(null);

  useSubscription(
    trpc.board.events.subscriptionOptions(boardInput, {
      onData: () => {
        void qc.invalidateQueries({ queryKey: trpc.board.get.queryKey(boardInput) });
        void qc.invalidateQueries({ queryKey: trpc.cards.get.pathKey() });
      },
    }),
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.metaKey || e.ctrlKey || e.altKey || isTyping(e.target) || document.querySelector("dialog[open]")) return;
      if (e.key === "/") {
        e.preventDefault();
        searchRef.current?.focus();
      } else if (e.key === "c" && canWrite) {
        e.preventDefault();
        setParams({ new: "1" });
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [canWrite, setParams]);

  const data = board.data;
  const lanes = useMemo(() => (data ? lanesFor(filters.lanes, data, members) : []), [data, filters.lanes, members]);
  const { containers, cardsByKey, labels, visibleCount } = useMemo(() => {
    const containers: Containers = {};
    const cardsByKey = new Map<string, BoardData["columns"][number]["cards"][number]>();
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
  const shownLanes = hasFilters(filters) && lanes.length > 1 ? lanes.filter((l) => data?.columns.some((col) => containers[containerId(l.id, col.id)]!.length > 0)) : lanes;

  const columnName = (container: string) => {
    const { laneId, columnId } = parseContainer(container);
    const col = data?.columns.find((c) => c.id === columnId)?.name ?? "a column";
    const lane = lanes.find((l) => l.id === laneId);
    return lane && lane.id !== "all" ? `${col} (${lane.title})` : col;
  };

  const onDrop = (drop: Drop) => {
    const card = cardsByKey.get(drop.key);
    const snapshot = qc.getQueryData<BoardData>(boardKey);
    if (!card || !snapshot) return;
    const { laneId: fromLane } = parseContainer(drop.from);
    const { laneId: toLane, columnId } = parseContainer(drop.to);
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
        toast.show(err.message);
      })
      .finally(() => void qc.invalidateQueries({ queryKey: boardKey }));
  };

  const dnd = useBoardDnd({ containers, describe: columnName, onDrop });

  const invalidateBoard = () => qc.invalidateQueries({ queryKey: boardKey });
  const [columnDialog, setColumnDialog] = useState<{ column: BoardColumn | null } | null>(null);
  const [deleting, setDeleting] = useState<BoardColumn | null>(null);
  const addColumn = useMutation(trpc.board.addColumn.mutationOptions({ onSuccess: () => (setColumnDialog(null), invalidateBoard()) }));
  const updateColumn = useMutation(trpc.board.updateColumn.mutationOptions({ onSuccess: () => (setColumnDialog(null), invalidateBoard()), onError: (e) => toast.show(e.message) }));
  const deleteColumn = useMutation(trpc.board.deleteColumn.mutationOptions({ onSuccess: () => (setDeleting(null), invalidateBoard()) }));
  const setKind = useMutation(trpc.board.setKind.mutationOptions({ onSuccess: invalidateBoard, onError: (e) => toast.show(e.message) }));

  const openCardPanel = (key: string) => setParams({ card: key }, "push");

  if (board.isPending) return <BoardSkeleton />;
  if (board.error || !data) return <Alert tone="error" title="The board could not be loaded">{board.error?.message}</Alert>;

  const names = {
    columns: new Map(data.columns.map((c) => [c.id, c.name])),
    sprints: new Map(data.activeSprint ? [[data.activeSprint.id, data.activeSprint.name]] : []),
    users: new Map(members.map((m) => [m.userId, m.name])),
  };
  const activeCard = dnd.activeKey ? cardsByKey.get(dnd.activeKey) : undefined;
  const noSprint = data.board.kind === "scrum" && !data.activeSprint;
  const filtered = hasFilters(filters);
  const newCardCtx = {
    org,
    projectKey,
    columns: data.columns.map((c) => ({ id: c.id, name: c.name })),
    sprint: data.activeSprint ? { id: data.activeSprint.id, name: data.activeSprint.name } : null,
    members: members.map((m) => ({ userId: m.userId, name: m.name })),
  };

  return (
    <div data-wide className="min-w-0">
      <RunLinkLive org={org} projectKey={projectKey} />
      <div className="mb-3 flex flex-wrap items-center gap-3">
        <p className="flex items-center gap-1.5 text-sm text-zinc-600 dark:text-zinc-400">
          <span className="rounded bg-zinc-100 px-1.5 py-0.5 text-xs font-medium text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">
            {data.board.kind === "scrum" ? "Scrum" : "Kanban"}
          </span>
          {data.activeSprint ? (
            <>
              <CalendarRange className="size-3.5" aria-hidden />
              <span className="font-medium text-zinc-800 dark:text-zinc-200">{data.activeSprint.name}</span>
              {data.activeSprint.startDate && data.activeSprint.endDate
                ? ` · ${format(parseISO(data.activeSprint.startDate), "d MMM")} – ${format(parseISO(data.activeSprint.endDate), "d MMM")}`
                : null}
              {data.activeSprint.goal ? <span className="hidden truncate lg:inline"> · {data.activeSprint.goal}</span> : null}
            </>
          ) : null}
        </p>
        <div className="ml-auto flex items-center gap-3">
          {!noSprint ? <SwimlaneToggle value={filters.lanes} onChange={setParams} /> : null}
          {canConfigure ? (
            <Menu
              label="Board settings"
              align="right"
              triggerClassName={buttonClass({ size: "sm" })}
              trigger={
                <>
                  <Settings2 className="size-3.5" aria-hidden /> Configure
                </>
              }
            >
              {(close) => (
                <>
                  <button type="button" data-menu-item className={menuItemClass} onClick={() => (close(), setColumnDialog({ column: null }))}>
                    <Plus className="size-3.5" aria-hidden /> Add column…
                  </button>
                  <MenuLabel>Board kind</MenuLabel>
                  {(["scrum", "kanban"] as const).map((k) => (
                    <button
                      key={k}
                      type="button"
                      data-menu-item
                      role="menuitemradio"
                      aria-checked={data.board.kind === k}
                      className={menuItemClass}
                      onClick={() => (close(), data.board.kind !== k && setKind.mutate({ org, key: projectKey, kind: k }))}
                    >
                      <span className="w-3.5">{data.board.kind === k ? "✓" : ""}</span>
                      {k === "scrum" ? "Scrum (sprints)" : "Kanban (continuous flow)"}
                    </button>
                  ))}
                </>
              )}
            </Menu>
          ) : null}
          {canWrite ? (
            <Button size="sm" variant="primary" onClick={() => setParams({ new: "1" })} aria-keyshortcuts="c" title="New card (C)">
              <Plus className="size-4" aria-hidden /> New card
            </Button>
          ) : null}
        </div>
      </div>

      {noSprint ? (
        <EmptyState
          icon={CalendarRange}
          title="No active sprint"
          action={
            <Link href={`/${org}/${projectKey}/backlog`} className={buttonClass({ variant: "primary" })}>
              Plan and start a sprint in the Backlog
            </Link>
          }
        >
          A Scrum board shows the cards of the running sprint. Plan one in the backlog and start it, or switch this board to Kanban.
        </EmptyState>
      ) : (
        <>
          <BoardToolbar
            ref={searchRef}
            filters={filters}
            members={members}
            labels={labels}
            active={filtered}
            onChange={changeFilters}
            onClear={() => changeFilters({ q: null, assignee: null, role: null, type: null, label: null, mine: null })}
          />
          {filtered && visibleCount === 0 ? (
            <EmptyState
              icon={SearchX}
              title="No cards match these filters"
              action={<Button onClick={() => changeFilters({ q: null, assignee: null, role: null, type: null, label: null, mine: null })}>Clear filters</Button>}
            >
              Nothing on this board matches. Try fewer filters or another search.
            </EmptyState>
          ) : (
            <DndContext {...dnd.context}>
              <BoardCanvas
                columns={data.columns}
                lanes={shownLanes}
                items={dnd.items}
                cardsByKey={cardsByKey}
                canWrite={canWrite}
                canConfigure={canConfigure}
                activeKey={dnd.activeKey}
                onOpen={openCardPanel}
                actions={{
                  onEdit: (column) => setColumnDialog({ column }),
                  onDelete: setDeleting,
                  onMove: (column, dir) => {
                    const i = data.columns.findIndex((c) => c.id === column.id);
                    const after = dir === -1 ? (data.columns[i - 2]?.id ?? null) : data.columns[i + 1]!.id;
                    updateColumn.mutate({ org, key: projectKey, columnId: column.id, afterColumnId: after });
                  },
                }}
              />
              <DragOverlay dropAnimation={null}>{activeCard ? <div className="w-[16.5rem]"><CardView card={activeCard} overlay /></div> : null}</DragOverlay>
            </DndContext>
          )}
        </>
      )}

      {openCard ? (
        <CardPanel
          org={org}
          projectKey={projectKey}
          cardKey={openCard}
          canWrite={canWrite}
          members={newCardCtx.members}
          names={names}
          columns={newCardCtx.columns}
          runOpen={wantsRun}
          onRunOpenChange={(open) => setParams({ run: open ? "1" : null })}
          onClose={() => setParams({ card: null, run: null }, "push")}
        />
      ) : null}
      <NewCardDialog {...newCardCtx} open={wantsNew && canWrite} onClose={() => setParams({ new: null })} />
      <ColumnDialog
        open={columnDialog !== null}
        column={columnDialog?.column ?? null}
        onClose={() => (setColumnDialog(null), addColumn.reset(), updateColumn.reset())}
        pending={addColumn.isPending || updateColumn.isPending}
        error={(addColumn.error ?? updateColumn.error)?.message ?? null}
        onSave={(d: ColumnDraft) =>
          columnDialog?.column
            ? updateColumn.mutate({ org, key: projectKey, columnId: columnDialog.column.id, ...d })
            : addColumn.mutate({ org, key: projectKey, ...d })
        }
      />
      <ConfirmDialog
        open={deleting !== null}
        onClose={() => (setDeleting(null), deleteColumn.reset())}
        onConfirm={() => deleting && deleteColumn.mutate({ org, key: projectKey, columnId: deleting.id })}
        title={`Delete “${deleting?.name ?? ""}”?`}
        description="Only an empty column can be deleted."
        confirmLabel="Delete column"
        pending={deleteColumn.isPending}
        error={deleteColumn.error ? <Alert tone="error">{deleteColumn.error.message}</Alert> : null}
      />
    </div>
  );
}
