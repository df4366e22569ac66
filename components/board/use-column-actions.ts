"use client";

import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc";
import type { ColumnActions } from "./board-canvas";
import type { ColumnDraft } from "./column-dialog";
import type { BoardColumn } from "./types";

/** Adding, editing, reordering and deleting columns, and switching the board's kind (Configure). */
export function useColumnActions({ org, projectKey, columns, onError }: { org: string; projectKey: string; columns: BoardColumn[]; onError: (message: string) => void }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const invalidateBoard = () => qc.invalidateQueries({ queryKey: trpc.board.get.queryKey({ org, key: projectKey }) });
  // { column: null } adds a column; { column } edits it.
  const [editing, setEditing] = useState<{ column: BoardColumn | null } | null>(null);
  const [deleting, setDeleting] = useState<BoardColumn | null>(null);
  const addColumn = useMutation(trpc.board.addColumn.mutationOptions({ onSuccess: () => (setEditing(null), invalidateBoard()) }));
  const updateColumn = useMutation(trpc.board.updateColumn.mutationOptions({ onSuccess: () => (setEditing(null), invalidateBoard()), onError: (e) => onError(e.message) }));
  const deleteColumn = useMutation(trpc.board.deleteColumn.mutationOptions({ onSuccess: () => (setDeleting(null), invalidateBoard()) }));
  const setKind = useMutation(trpc.board.setKind.mutationOptions({ onSuccess: invalidateBoard, onError: (e) => onError(e.message) }));

  const actions: ColumnActions = {
    onEdit: (column) => setEditing({ column }),
    onDelete: setDeleting,
    onMove: (column, dir) => {
      // The API places a column after another one (null: first).
      const i = columns.findIndex((c) => c.id === column.id);
      const after = dir === -1 ? (columns[i - 2]?.id ?? null) : columns[i + 1]!.id;
      updateColumn.mutate({ org, key: projectKey, columnId: column.id, afterColumnId: after });
    },
  };

  return {
    actions,
    addColumn: () => setEditing({ column: null }),
    setKind: (kind: "scrum" | "kanban") => setKind.mutate({ org, key: projectKey, kind }),
    columnDialog: {
      open: editing !== null,
      column: editing?.column ?? null,
      onClose: () => (setEditing(null), addColumn.reset(), updateColumn.reset()),
      pending: addColumn.isPending || updateColumn.isPending,
      error: (addColumn.error ?? updateColumn.error)?.message ?? null,
      onSave: (d: ColumnDraft) =>
        editing?.column ? updateColumn.mutate({ org, key: projectKey, columnId: editing.column.id, ...d }) : addColumn.mutate({ org, key: projectKey, ...d }),
    },
    deleting,
    deleteDialog: {
      open: deleting !== null,
      onClose: () => (setDeleting(null), deleteColumn.reset()),
      onConfirm: () => deleting && deleteColumn.mutate({ org, key: projectKey, columnId: deleting.id }),
      pending: deleteColumn.isPending,
      error: deleteColumn.error?.message ?? null,
    },
  };
}
