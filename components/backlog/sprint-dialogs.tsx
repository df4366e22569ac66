"use client";

import { useId, useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { addDays, format } from "date-fns";
import { errorMessage, fieldErrors } from "@/components/forms/server-errors";
import { Alert } from "@/components/ui/alert";
import { Dialog, DialogFormActions } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input, Textarea } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { useTRPC } from "@/lib/trpc";
import { pts } from "./format";
import { sumPoints, type PlanSprint } from "./types";

const iso = (d: Date) => format(d, "yyyy-MM-dd");

function useInvalidateBacklog(org: string, projectKey: string) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: trpc.board.backlog.queryKey({ org, key: projectKey }) });
    void qc.invalidateQueries({ queryKey: trpc.board.charts.pathKey() });
  };
}

export function CreateSprintDialog({ org, projectKey, defaultName, onClose }: { org: string; projectKey: string; defaultName: string; onClose: () => void }) {
  const trpc = useTRPC();
  const toast = useToast();
  const invalidate = useInvalidateBacklog(org, projectKey);
  const id = useId();
  const [name, setName] = useState(defaultName);
  const [goal, setGoal] = useState("");
  const [startDate, setStart] = useState("");
  const [endDate, setEnd] = useState("");
  const create = useMutation(
    trpc.sprints.create.mutationOptions({
      onSuccess: (s) => {
        toast(`${s.name} created`);
        invalidate();
        onClose();
      },
    }),
  );
  const errors = create.error ? fieldErrors(create.error, ["name", "goal", "startDate", "endDate"] as const) : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ org, key: projectKey, name, goal, startDate: startDate || null, endDate: endDate || null });
  };
  return (
    <Dialog open onClose={onClose} title="Create sprint" description="Plan a sprint, then drag backlog cards into it.">
      <form onSubmit={submit} className="space-y-4">
        {errors?.form ? <Alert tone="error">{errors.form}</Alert> : null}
        <Field id={`${id}-name`} label="Name" error={errors?.fields.name}>
          <Input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} required maxLength={80} autoFocus />
        </Field>
        <Field id={`${id}-goal`} label="Goal" hint="What the team wants to have achieved at the end (optional)." error={errors?.fields.goal}>
          <Textarea id={`${id}-goal`} value={goal} onChange={(e) => setGoal(e.target.value)} maxLength={500} />
        </Field>
        <div className="grid grid-cols-2 gap-3">
          <Field id={`${id}-start`} label="Start date" error={errors?.fields.startDate}>
            <Input id={`${id}-start`} type="date" value={startDate} onChange={(e) => setStart(e.target.value)} />
          </Field>
          <Field id={`${id}-end`} label="End date" error={errors?.fields.endDate}>
            <Input id={`${id}-end`} type="date" value={endDate} min={startDate || undefined} onChange={(e) => setEnd(e.target.value)} />
          </Field>
        </div>
        <DialogFormActions onCancel={onClose} submitLabel="Create sprint" pending={create.isPending} />
      </form>
    </Dialog>
  );
}

export function StartSprintDialog({ org, projectKey, sprint, onClose }: { org: string; projectKey: string; sprint: PlanSprint; onClose: () => void }) {
  const trpc = useTRPC();
  const toast = useToast();
  const invalidate = useInvalidateBacklog(org, projectKey);
  const id = useId();
  const [startDate, setStart] = useState(sprint.startDate ?? iso(new Date()));
  const [endDate, setEnd] = useState(sprint.endDate ?? iso(addDays(new Date(), 14)));
  const start = useMutation(
    trpc.sprints.start.mutationOptions({
      onSuccess: (s) => {
        toast(`${s.name} started`);
        invalidate();
        onClose();
      },
    }),
  );
  const errors = start.error ? fieldErrors(start.error, ["startDate", "endDate"] as const) : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    start.mutate({ org, sprintId: sprint.id, startDate, endDate });
  };
  return (
    <Dialog
      open
      onClose={onClose}
      title={`Start ${sprint.name}`}
      description={`${sprint.cards.length} ${sprint.cards.length === 1 ? "card" : "cards"} · ${pts(sumPoints(sprint.cards))} committed. Cards added after the start count as scope changes.`}
    >
      <form onSubmit={submit} className="space-y-4">
        {errors?.form ? <Alert tone="error">{errors.form}</Alert> : null}
        <div className="grid grid-cols-2 gap-3">
          <Field id={`${id}-start`} label="Start date" error={errors?.fields.startDate}>
            <Input id={`${id}-start`} type="date" required value={startDate} onChange={(e) => setStart(e.target.value)} />
          </Field>
          <Field id={`${id}-end`} label="End date" error={errors?.fields.endDate}>
            <Input id={`${id}-end`} type="date" required value={endDate} min={startDate} onChange={(e) => setEnd(e.target.value)} />
          </Field>
        </div>
        {sprint.goal ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            <span className="font-medium text-zinc-800 dark:text-zinc-200">Goal: </span>
            {sprint.goal}
          </p>
        ) : null}
        <DialogFormActions onCancel={onClose} submitLabel="Start sprint" pending={start.isPending} />
      </form>
    </Dialog>
  );
}

export function CompleteSprintDialog({
  org,
  projectKey,
  sprint,
  planned,
  onClose,
}: {
  org: string;
  projectKey: string;
  sprint: PlanSprint;
  planned: PlanSprint[];
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const toast = useToast();
  const invalidate = useInvalidateBacklog(org, projectKey);
  const done = sprint.cards.filter((c) => c.category === "done");
  const open = sprint.cards.filter((c) => c.category !== "done");
  const [target, setTarget] = useState<string>("backlog");
  const complete = useMutation(
    trpc.sprints.complete.mutationOptions({
      onSuccess: (r) => {
        const where = r.movedTo === "backlog" ? "the backlog" : ([...planned].find((s) => s.id === r.movedTo)?.name ?? "the next sprint");
        toast(r.movedCards ? `${r.sprint.name} completed · ${r.movedCards} unfinished moved to ${where}` : `${r.sprint.name} completed`);
        invalidate();
        onClose();
      },
    }),
  );
  const options = [
    { value: "backlog", label: "Backlog" },
    ...planned.map((s) => ({ value: s.id, label: s.name })),
    ...(planned.length === 0 ? [{ value: "next", label: "A new sprint" }] : []),
  ];
  return (
    <Dialog open onClose={onClose} title={`Complete ${sprint.name}`} description={sprint.goal ? `Goal: ${sprint.goal}` : undefined}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          complete.mutate({ org, sprintId: sprint.id, moveUnfinishedTo: target });
        }}
        className="space-y-4"
      >
        {complete.error ? <Alert tone="error">{errorMessage(complete.error)}</Alert> : null}
        <dl className="grid grid-cols-2 gap-3">
          <div className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 dark:border-emerald-500/30 dark:bg-emerald-500/10">
            <dt className="text-xs text-emerald-800 dark:text-emerald-300">Done</dt>
            <dd className="text-sm font-semibold text-emerald-900 dark:text-emerald-100">
              {done.length} {done.length === 1 ? "card" : "cards"} · {pts(sumPoints(done))}
            </dd>
          </div>
          <div className="rounded-md border border-zinc-200 bg-zinc-50 px-3 py-2 dark:border-zinc-700 dark:bg-zinc-800/60">
            <dt className="text-xs text-zinc-600 dark:text-zinc-400">Not done</dt>
            <dd className="text-sm font-semibold">
              {open.length} {open.length === 1 ? "card" : "cards"} · {pts(sumPoints(open))}
            </dd>
          </div>
        </dl>
        {open.length > 0 ? (
          <fieldset>
            <legend className="mb-2 text-sm font-medium text-zinc-800 dark:text-zinc-200">Move unfinished cards to</legend>
            <div className="space-y-1.5">
              {options.map((o) => (
                <label key={o.value} className="flex items-center gap-2 text-sm text-zinc-700 dark:text-zinc-300">
                  <input
                    type="radio"
                    name="moveUnfinishedTo"
                    value={o.value}
                    checked={target === o.value}
                    onChange={() => setTarget(o.value)}
                    className="size-4 accent-brand-600"
                  />
                  {o.label}
                </label>
              ))}
            </div>
          </fieldset>
        ) : (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">Every card of this sprint is done.</p>
        )}
        <DialogFormActions onCancel={onClose} submitLabel="Complete sprint" pending={complete.isPending} />
      </form>
    </Dialog>
  );
}
