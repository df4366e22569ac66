"use client";

import { useEffect, useMemo, useRef, useState, type RefObject } from "react";
import Link from "next/link";
import { DndContext, DragOverlay } from "@dnd-kit/core";
import { CalendarRange, SearchX } from "lucide-react";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClass } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { useToast } from "@/components/ui/toast";
import { CardPanel } from "@/components/cards/card-panel";
import { NewCardDialog } from "@/components/cards/new-card-dialog";
import { RunLinkLive } from "@/components/runs/run-link-badge";
import { CardView } from "./board-card";
import { BoardCanvas } from "./board-canvas";
import { BoardHeader } from "./board-header";
import { hasFilters } from "./board-model";
import { BoardSkeleton } from "./board-skeleton";
import { BoardToolbar } from "./board-toolbar";
import { ColumnDialog } from "./column-dialog";
import { useBoardData } from "./use-board-data";
import { useSortableLists } from "./use-sortable-lists";
import { useBoardUrl } from "./use-board-url";
import { useColumnActions } from "./use-column-actions";

const CLEAR_FILTERS = { q: null, assignee: null, role: null, type: null, label: null, mine: null };

function isTyping(t: EventTarget | null) {
  const el = t as HTMLElement | null;
  return !!el && (["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName) || el.isContentEditable);
}

/** `/` focuses the search, `c` opens New card: only when no field has the focus and no dialog is open. */
function useBoardShortcuts({ searchRef, onNewCard }: { searchRef: RefObject<HTMLInputElement | null>; onNewCard: (() => void) | null }) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.metaKey || e.ctrlKey || e.altKey || isTyping(e.target) || document.querySelector("dialog[open]")) return;
      if (e.key === "/") {
        e.preventDefault();
        searchRef.current?.focus();
      } else if (e.key === "c" && onNewCard) {
        e.preventDefault();
        onNewCard();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [searchRef, onNewCard]);
}

export function Board({ org, projectKey, userId, canWrite, canConfigure }: { org: string; projectKey: string; userId: string; canWrite: boolean; canConfigure: boolean }) {
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
  const showError = (message: string) => showToast(message, { tone: "error" });
  const searchRef = useRef<HTMLInputElement>(null);
  const openNewCard = useMemo(() => (canWrite ? () => setParams({ new: "1" }) : null), [canWrite, setParams]);
  useBoardShortcuts({ searchRef, onNewCard: openNewCard });

  const view = useBoardData({ org, projectKey, userId, filters, onError: showError });
  const { data, members, cardsByKey } = view;
  const dnd = useSortableLists({ lists: view.containers, describe: view.containerName, onDrop: view.moveCard });
  const columns = useColumnActions({ org, projectKey, columns: data?.columns ?? [], onError: showError });

  if (view.board.isPending) return <BoardSkeleton />;
  if (view.board.error || !data) return <Alert tone="error" title="The board could not be loaded">{view.board.error?.message}</Alert>;

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
      <BoardHeader
        kind={data.board.kind}
        sprint={data.activeSprint}
        lanes={noSprint ? null : filters.lanes}
        onLanesChange={setParams}
        canConfigure={canConfigure}
        canWrite={canWrite}
        onAddColumn={columns.addColumn}
        onSetKind={columns.setKind}
        onNewCard={() => setParams({ new: "1" })}
      />

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
          <BoardToolbar ref={searchRef} filters={filters} members={members} labels={view.labels} active={filtered} onChange={changeFilters} onClear={() => changeFilters(CLEAR_FILTERS)} />
          {filtered && view.visibleCount === 0 ? (
            <EmptyState icon={SearchX} title="No cards match these filters" action={<Button onClick={() => changeFilters(CLEAR_FILTERS)}>Clear filters</Button>}>
              Nothing on this board matches. Try fewer filters or another search.
            </EmptyState>
          ) : (
            <DndContext {...dnd.context}>
              <BoardCanvas
                columns={data.columns}
                lanes={view.shownLanes}
                items={dnd.items}
                cardsByKey={cardsByKey}
                canWrite={canWrite}
                canConfigure={canConfigure}
                activeKey={dnd.activeKey}
                onOpen={(key) => setParams({ card: key }, "push")}
                actions={columns.actions}
              />
              <DragOverlay dropAnimation={null}>
                {activeCard ? (
                  <div className="w-[16.5rem]">
                    <CardView card={activeCard} overlay />
                  </div>
                ) : null}
              </DragOverlay>
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
      <ColumnDialog {...columns.columnDialog} />
      <ConfirmDialog
        {...columns.deleteDialog}
        title={`Delete “${columns.deleting?.name ?? ""}”?`}
        description="Only an empty column can be deleted."
        confirmLabel="Delete column"
        error={columns.deleteDialog.error ? <Alert tone="error">{columns.deleteDialog.error}</Alert> : null}
      />
    </div>
  );
}
