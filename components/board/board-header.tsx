"use client";

import { format, parseISO } from "date-fns";
import { CalendarRange, Plus, Settings2 } from "lucide-react";
import { Button, buttonClass } from "@/components/ui/button";
import { Menu, menuItemClass, MenuLabel } from "@/components/ui/menu";
import { SwimlaneToggle } from "./board-toolbar";
import type { BoardData, Swimlanes } from "./types";

type Kind = BoardData["board"]["kind"];

/** Above the board: its kind and running sprint, the swimlane switch, Configure and New card. */
export function BoardHeader({
  kind,
  sprint,
  lanes,
  onLanesChange,
  canConfigure,
  canWrite,
  onAddColumn,
  onSetKind,
  onNewCard,
}: {
  kind: Kind;
  sprint: BoardData["activeSprint"];
  /** Null hides the swimlane switch (a Scrum board without a sprint shows no cards). */
  lanes: Swimlanes | null;
  onLanesChange: (patch: Record<string, string | null>) => void;
  canConfigure: boolean;
  canWrite: boolean;
  onAddColumn: () => void;
  onSetKind: (kind: Kind) => void;
  onNewCard: () => void;
}) {
  return (
    <div className="mb-3 flex flex-wrap items-center gap-3">
      <p className="flex items-center gap-1.5 text-sm text-zinc-600 dark:text-zinc-400">
        <span className="rounded bg-zinc-100 px-1.5 py-0.5 text-xs font-medium text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">{kind === "scrum" ? "Scrum" : "Kanban"}</span>
        {sprint ? (
          <>
            <CalendarRange className="size-3.5" aria-hidden />
            <span className="font-medium text-zinc-800 dark:text-zinc-200">{sprint.name}</span>
            {sprint.startDate && sprint.endDate ? ` · ${format(parseISO(sprint.startDate), "d MMM")} – ${format(parseISO(sprint.endDate), "d MMM")}` : null}
            {sprint.goal ? <span className="hidden truncate lg:inline"> · {sprint.goal}</span> : null}
          </>
        ) : null}
      </p>
      <div className="ml-auto flex items-center gap-3">
        {lanes ? <SwimlaneToggle value={lanes} onChange={onLanesChange} /> : null}
        {canConfigure ? <ConfigureMenu kind={kind} onAddColumn={onAddColumn} onSetKind={onSetKind} /> : null}
        {canWrite ? (
          <Button size="sm" variant="primary" onClick={onNewCard} aria-keyshortcuts="c" title="New card (C)">
            <Plus className="size-4" aria-hidden /> New card
          </Button>
        ) : null}
      </div>
    </div>
  );
}

function ConfigureMenu({ kind, onAddColumn, onSetKind }: { kind: Kind; onAddColumn: () => void; onSetKind: (kind: Kind) => void }) {
  return (
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
          <button type="button" data-menu-item className={menuItemClass} onClick={() => (close(), onAddColumn())}>
            <Plus className="size-3.5" aria-hidden /> Add column…
          </button>
          <MenuLabel>Board kind</MenuLabel>
          {(["scrum", "kanban"] as const).map((k) => (
            <button
              key={k}
              type="button"
              data-menu-item
              role="menuitemradio"
              aria-checked={kind === k}
              className={menuItemClass}
              onClick={() => (close(), kind !== k && onSetKind(k))}
            >
              <span className="w-3.5">{kind === k ? "✓" : ""}</span>
              {k === "scrum" ? "Scrum (sprints)" : "Kanban (continuous flow)"}
            </button>
          ))}
        </>
      )}
    </Menu>
  );
}
