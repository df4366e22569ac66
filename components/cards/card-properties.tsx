"use client";

import type { ReactNode } from "react";
import { useMutation } from "@tanstack/react-query";
import { Alert } from "@/components/ui/alert";
import { Select } from "@/components/ui/select";
import { useTRPC } from "@/lib/trpc";
import type { CardDetail } from "@/components/board/types";
import { MemberOptions, PriorityOptions, RoleOptions, StageOptions, TypeOptions } from "./card-options";
import { useInvalidateCard, type CardFields } from "./use-card-draft";

// The panel's text inputs match the dense selects (Select density="sm").
const denseInput =
  "block h-8 w-full rounded-md border border-zinc-300 bg-white px-2 text-[13px] text-zinc-900 shadow-sm disabled:opacity-60 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100";

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
      <Prop label="Type" htmlFor="card-type">
        <Select id="card-type" density="sm" disabled={readOnly} value={fields.type} onChange={(e) => onEdit({ type: e.target.value })}>
          <TypeOptions />
        </Select>
      </Prop>
      <Prop label="CD4ML stage" htmlFor="card-stage">
        <Select id="card-stage" density="sm" disabled={readOnly} value={fields.stage} onChange={(e) => onEdit({ stage: e.target.value })}>
          <StageOptions empty="None" />
        </Select>
      </Prop>
      <Prop label="Role" htmlFor="card-role">
        <Select id="card-role" density="sm" disabled={readOnly} value={fields.role} onChange={(e) => onEdit({ role: e.target.value })}>
          <RoleOptions empty="No role" />
        </Select>
      </Prop>
      <Prop label="Assignee" htmlFor="card-assignee">
        <Select id="card-assignee" density="sm" disabled={readOnly} value={fields.assigneeId} onChange={(e) => onEdit({ assigneeId: e.target.value })}>
          <option value="">Unassigned</option>
          {formerAssignee ? <option value={formerAssignee.id}>{formerAssignee.name}</option> : null}
          <MemberOptions members={members} />
        </Select>
      </Prop>
      <Prop label="Points" htmlFor="card-points">
        <input id="card-points" type="number" min={0} max={1000} className={denseInput} readOnly={readOnly} value={fields.points} onChange={(e) => onEdit({ points: e.target.value })} />
      </Prop>
      <Prop label="Priority" htmlFor="card-priority">
        <Select id="card-priority" density="sm" disabled={readOnly} value={fields.priority} onChange={(e) => onEdit({ priority: e.target.value })}>
          <PriorityOptions />
        </Select>
      </Prop>
      <Prop label="Labels" htmlFor="card-labels">
        <input id="card-labels" className={denseInput} readOnly={readOnly} placeholder="drift, gpu" value={fields.labels} onChange={(e) => onEdit({ labels: e.target.value })} />
      </Prop>
      <Prop label="Due date" htmlFor="card-due">
        <input id="card-due" type="date" className={denseInput} readOnly={readOnly} value={fields.dueDate} onChange={(e) => onEdit({ dueDate: e.target.value })} />
      </Prop>
    </div>
  );
}
