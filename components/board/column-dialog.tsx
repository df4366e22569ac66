"use client";

import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Dialog, DialogFormActions } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { BoardColumn } from "./types";

export interface ColumnDraft {
  name: string;
  category: "todo" | "doing" | "done";
  wipLimit: number | null;
  wipStrict: boolean;
}

/** Add or edit a column: name, status category and WIP limit (soft or strict). */
export function ColumnDialog({
  column,
  open,
  onClose,
  onSave,
  pending,
  error,
}: {
  column: BoardColumn | null;
  open: boolean;
  onClose: () => void;
  onSave: (draft: ColumnDraft) => void;
  pending: boolean;
  error: string | null;
}) {
  return (
    <Dialog open={open} onClose={onClose} title={column ? `Edit “${column.name}”` : "Add a column"} className="max-w-md">
      {open ? <ColumnForm key={column?.id ?? "new"} column={column} onClose={onClose} onSave={onSave} pending={pending} error={error} /> : null}
    </Dialog>
  );
}

function ColumnForm({ column, onClose, onSave, pending, error }: Omit<Parameters<typeof ColumnDialog>[0], "open">) {
  const [name, setName] = useState(column?.name ?? "");
  const [category, setCategory] = useState<ColumnDraft["category"]>(column?.category ?? "doing");
  const [wip, setWip] = useState(column?.wipLimit ? String(column.wipLimit) : "");
  const [strict, setStrict] = useState(column?.wipStrict ?? false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSave({ name: name.trim(), category, wipLimit: wip ? Number(wip) : null, wipStrict: wip ? strict : false });
  };
  return (
    <form onSubmit={submit} className="space-y-4">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <Field id="column-name" label="Name">
        <Input id="column-name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={60} autoFocus />
      </Field>
      <Field id="column-category" label="Status category" hint="Done columns count as completed in sprints and charts.">
        <Select id="column-category" value={category} onChange={(e) => setCategory(e.target.value as ColumnDraft["category"])}>
          <option value="todo">To do</option>
          <option value="doing">In progress</option>
          <option value="done">Done</option>
        </Select>
      </Field>
      <Field id="column-wip" label="WIP limit" hint="Leave empty for no limit.">
        <Input id="column-wip" type="number" min={1} max={999} value={wip} onChange={(e) => setWip(e.target.value)} />
      </Field>
      <label className="flex items-center gap-2 text-sm text-zinc-700 dark:text-zinc-300">
        <input type="checkbox" className="size-4 accent-brand-600" checked={strict} disabled={!wip} onChange={(e) => setStrict(e.target.checked)} />
        Strict: refuse moves beyond the limit
      </label>
      <DialogFormActions onCancel={onClose} submitLabel={column ? "Save column" : "Add column"} pending={pending} disabled={!name.trim()} />
    </form>
  );
}
