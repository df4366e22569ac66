"use client";

import { useState, type FormEvent, type ReactNode } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert } from "@/components/ui/alert";
import { Dialog, DialogFormActions } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input, Textarea } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { useTRPC } from "@/lib/trpc";
import type { CARD_TYPES, PRIORITIES } from "./card-meta";
import { MemberOptions, PriorityOptions, RoleOptions, TypeOptions } from "./card-options";

export interface NewCardContext {
  org: string;
  projectKey: string;
  columns: { id: string; name: string }[];
  sprint: { id: string; name: string } | null;
  members: { userId: string; name: string }[];
  defaultColumnId?: string;
}

export function NewCardDialog({ open, onClose, onCreated, ...ctx }: NewCardContext & { open: boolean; onClose: () => void; onCreated?: (key: string) => void }) {
  return (
    <Dialog open={open} onClose={onClose} title={`New card in ${ctx.projectKey}`} className="max-w-xl">
      {open ? <NewCardForm {...ctx} onClose={onClose} onCreated={onCreated} /> : null}
    </Dialog>
  );
}

function NewCardForm({ org, projectKey, columns, sprint, members, defaultColumnId, onClose, onCreated }: NewCardContext & { onClose: () => void; onCreated?: (key: string) => void }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [type, setType] = useState<(typeof CARD_TYPES)[number]>("task");
  const [role, setRole] = useState("");
  const [assigneeId, setAssigneeId] = useState("");
  const [points, setPoints] = useState("");
  const [priority, setPriority] = useState<(typeof PRIORITIES)[number]>("none");
  const [column, setColumn] = useState(defaultColumnId ?? columns[0]?.id ?? "");
  const [inSprint, setInSprint] = useState(Boolean(sprint));
  const create = useMutation(
    trpc.cards.create.mutationOptions({
      onSuccess: (card) => {
        void qc.invalidateQueries({ queryKey: trpc.board.get.queryKey({ org, key: projectKey }) });
        onCreated?.(card.key);
        onClose();
      },
    }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({
      org,
      key: projectKey,
      title: title.trim(),
      description: description || undefined,
      type,
      role: (role || null) as "developer" | null,
      assigneeId: assigneeId || null,
      points: points === "" ? null : Number(points),
      priority,
      column: column || undefined,
      sprintId: sprint && inSprint ? sprint.id : null,
    });
  };
  return (
    <form onSubmit={submit} className="space-y-4">
      {create.error ? <Alert tone="error">{create.error.message}</Alert> : null}
      <Field id="new-card-title" label="Title">
        <Input id="new-card-title" value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={500} autoFocus placeholder="Retrain the churn model on March data" />
      </Field>
      <Field id="new-card-description" label="Description" hint="Markdown">
        <Textarea id="new-card-description" value={description} onChange={(e) => setDescription(e.target.value)} rows={3} />
      </Field>
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-3">
        <SelectField id="new-card-type" label="Type" value={type} onChange={(v) => setType(v as typeof type)}>
          <TypeOptions />
        </SelectField>
        <SelectField id="new-card-role" label="Role" value={role} onChange={setRole}>
          <RoleOptions empty="No role" />
        </SelectField>
        <SelectField id="new-card-assignee" label="Assignee" value={assigneeId} onChange={setAssigneeId}>
          <MemberOptions members={members} empty="Unassigned" />
        </SelectField>
        <Field id="new-card-points" label="Points">
          <Input id="new-card-points" type="number" min={0} max={1000} value={points} onChange={(e) => setPoints(e.target.value)} />
        </Field>
        <SelectField id="new-card-priority" label="Priority" value={priority} onChange={(v) => setPriority(v as typeof priority)}>
          <PriorityOptions />
        </SelectField>
        <SelectField id="new-card-column" label="Column" value={column} onChange={setColumn}>
          {columns.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </SelectField>
      </div>
      {sprint ? (
        <label className="flex items-center gap-2 text-sm text-zinc-700 dark:text-zinc-300">
          <input type="checkbox" className="size-4 accent-brand-600" checked={inSprint} onChange={(e) => setInSprint(e.target.checked)} />
          Add to {sprint.name} (otherwise it goes to the backlog)
        </label>
      ) : null}
      <DialogFormActions onCancel={onClose} submitLabel="Create card" pending={create.isPending} disabled={!title.trim()} />
    </form>
  );
}

function SelectField({ id, label, value, onChange, children }: { id: string; label: string; value: string; onChange: (value: string) => void; children: ReactNode }) {
  return (
    <Field id={id} label={label}>
      <Select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {children}
      </Select>
    </Field>
  );
}
