"use client";

import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert } from "@/components/ui/alert";
import { cn } from "@/components/ui/cn";
import { Dialog, DialogFormActions } from "@/components/ui/dialog";
import { useTRPC } from "@/lib/trpc";
import { MAX_JOBS, filledParams, gridSize, initialRunForm, serverFieldErrors, toSweepInput, type Kind, type RunFormState } from "./run-form";
import { CommandFields, DatasetFields, EvaluateFields, EvaluateModelFields, LimitsFields, ParamsFields, TrainFields, type FieldsProps } from "./run-form-fields";

const KINDS: { value: Kind; label: string; hint: string }[] = [
  { value: "command", label: "Command", hint: "Runs a bash command line on a runner; parameters arrive as PARAM_<KEY>." },
  { value: "train", label: "Train", hint: "Built-in: trains a classifier on a tabular dataset version and registers the model." },
  { value: "evaluate", label: "Evaluate", hint: "Built-in: scores a model version on a dataset version." },
];

/**
 * Queues an experiment from a card: one job, or one per combination when a parameter holds a
 * comma-separated list. Every job gets its own run, tagged with the card.
 */
export function RunExperimentDialog({
  org,
  projectKey,
  cardKey,
  open,
  onClose,
}: {
  org: string;
  projectKey: string;
  cardKey: string;
  open: boolean;
  onClose: () => void;
}) {
  return (
    <Dialog open={open} onClose={onClose} title={`Run experiment · ${cardKey}`} description="Queued jobs run on any runner with the labels and free GPUs asked for." className="max-w-2xl">
      {open ? <RunForm org={org} projectKey={projectKey} cardKey={cardKey} onDone={onClose} /> : null}
    </Dialog>
  );
}

function RunForm({ org, projectKey, cardKey, onDone }: { org: string; projectKey: string; cardKey: string; onDone: () => void }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [form, setForm] = useState(initialRunForm);
  const [clientError, setClientError] = useState<string | null>(null);
  const set = (patch: Partial<RunFormState>) => setForm((f) => ({ ...f, ...patch }));

  const create = useMutation(
    trpc.jobs.createSweep.mutationOptions({
      onSuccess: () => {
        void qc.invalidateQueries({ queryKey: trpc.jobs.forCard.queryKey({ org, cardKey }) });
        void qc.invalidateQueries({ queryKey: trpc.runs.linkState.queryKey({ org, key: projectKey }) });
        void qc.invalidateQueries({ queryKey: trpc.runs.links.list.queryKey({ org, cardKey }) }); // each job's run is linked to the card
        onDone();
      },
    }),
  );
  const jobs = gridSize(filledParams(form.params));
  const errors = create.error ? serverFieldErrors(create.error) : { form: null, fields: {} as Record<string, string> };
  const fields: FieldsProps = { form, set, err: (f) => errors.fields[f] ?? null };
  const where = { org, projectKey };

  const submit = () => {
    const input = toSweepInput(form, { org, projectKey, cardKey });
    setClientError(input.ok ? null : input.error);
    if (input.ok) create.mutate(input.value);
  };

  return (
    <form
      className="space-y-5"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <KindPicker kind={form.kind} onChange={(kind) => set({ kind })} />
      {form.kind === "command" ? <CommandFields {...fields} /> : null}
      {form.kind === "evaluate" ? <EvaluateModelFields {...fields} {...where} /> : null}
      <DatasetFields {...fields} {...where} />
      {form.kind === "train" ? <TrainFields {...fields} /> : null}
      {form.kind === "evaluate" ? <EvaluateFields {...fields} /> : null}
      <ParamsFields {...fields} jobs={jobs} />
      <LimitsFields {...fields} />
      {clientError || errors.form ? <Alert tone="error">{clientError ?? errors.form}</Alert> : null}
      <DialogFormActions onCancel={onDone} submitLabel={jobs > 1 ? `Queue ${jobs} jobs` : "Queue job"} pending={create.isPending} disabled={jobs > MAX_JOBS} />
    </form>
  );
}

function KindPicker({ kind, onChange }: { kind: Kind; onChange: (kind: Kind) => void }) {
  return (
    <>
      <div role="radiogroup" aria-label="Kind" className="grid grid-cols-3 gap-2">
        {KINDS.map((k) => (
          <label
            key={k.value}
            className={cn(
              "cursor-pointer rounded-lg border px-3 py-2 text-sm has-focus-visible:outline-2",
              kind === k.value ? "border-brand-500 bg-brand-50 dark:border-brand-500 dark:bg-brand-500/10" : "border-zinc-200 hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-800/60",
            )}
          >
            <input type="radio" name="kind" value={k.value} checked={kind === k.value} onChange={() => onChange(k.value)} className="sr-only" />
            <span className="font-medium">{k.label}</span>
          </label>
        ))}
      </div>
      <p className="-mt-3 text-[13px] text-zinc-500 dark:text-zinc-400">{KINDS.find((k) => k.value === kind)!.hint}</p>
    </>
  );
}
