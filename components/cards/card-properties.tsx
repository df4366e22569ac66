"use client";

import type { InputHTMLAttributes, ReactNode } from "react";
import { useMutation } from "@tanstack/react-query";
import { Alert } from "@/components/ui/alert";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { useTRPC } from "@/lib/trpc";
import type { CardDetail } from "@/components/board/types";
import { MemberOptions, PriorityOptions, RoleOptions, StageOptions, TypeOptions } from "./card-options";
import { useInvalidateCard, type CardFields } from "./use-card-draft";

function Prop({ label, htmlFor, children }: { label: string; htmlFor: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[7rem_1fr] items-center gap-2">
      <label htmlFor={htmlFor} className="text-[13px] text-zinc-500 dark:text-zinc-400">
        {label}
      </label>
      {children}
    </div>
  );
}

/** The card's property list. Status moves the card at once; every other field joins the draft. */
export function CardProperties({
  org,
  projectKey,
  card,
  fields,
  onEdit,
  readOnly,
  members,
  columns,
}: {
  org: string;
  projectKey: string;
  card: CardDetail;
  fields: CardFields;
  onEdit: (patch: Partial<CardFields>) => void;
  readOnly: boolean;
  members: { userId: string; name: string }[];
  columns: { id: string; name: string }[];
}) {
  const trpc = useTRPC();
  const invalidate = useInvalidateCard(org, projectKey, card.key);
  const move = useMutation(trpc.cards.move.mutationOptions({ onSettled: invalidate }));
  // A former member can still be the assignee: keep them selectable so the value shows.
  const formerAssignee = card.assignee && !members.some((m) => m.userId === card.assignee!.id) ? card.assignee : null;
  // Read-only viewers see the values: selects are disabled, inputs read-only (still selectable text).
  const select = (id: string, label: string, field: keyof CardFields, options: ReactNode) => (
    <Prop label={label} htmlFor={id}>
      <Select id={id} density="sm" disabled={readOnly} value={fields[field]} onChange={(e) => onEdit({ [field]: e.target.value })}>
        {options}
      </Select>
    </Prop>
  );
  const input = (id: string, label: string, field: keyof CardFields, attrs: InputHTMLAttributes<HTMLInputElement>) => (
    <Prop label={label} htmlFor={id}>
      <Input id={id} {...attrs} density="sm" readOnly={readOnly} value={fields[field]} onChange={(e) => onEdit({ [field]: e.target.value })} />
    </Prop>
  );
  return (
    <div className="mt-4 space-y-2">
      <Prop label="Status" htmlFor="card-status">
        <Select
          id="card-status"
          density="sm"
          disabled={readOnly || move.isPending}
          value={card.column.id}
          onChange={(e) => move.mutate({ org, cardKey: card.key, column: e.target.value })}
        >
          {columns.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </Select>
      </Prop>
      {move.error ? <Alert tone="error">{move.error.message}</Alert> : null}
      {select("card-type", "Type", "type", <TypeOptions />)}
      {select("card-stage", "CD4ML stage", "stage", <StageOptions empty="None" />)}
      {select("card-role", "Role", "role", <RoleOptions empty="No role" />)}
      {select(
        "card-assignee",
        "Assignee",
        "assigneeId",
        <>
          <option value="">Unassigned</option>
          {formerAssignee ? <option value={formerAssignee.id}>{formerAssignee.name}</option> : null}
          <MemberOptions members={members} />
        </>,
      )}
      {input("card-points", "Points", "points", { type: "number", min: 0, max: 1000 })}
      {select("card-priority", "Priority", "priority", <PriorityOptions />)}
      {input("card-labels", "Labels", "labels", { placeholder: "drift, gpu" })}
      {input("card-due", "Due date", "dueDate", { type: "date" })}
    </div>
  );
}
