"use client";

import type { ReactNode } from "react";
import { useQuery } from "@tanstack/react-query";
import { Plus, Trash2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Field } from "@/components/ui/field";
import { Input, Textarea } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { useTRPC } from "@/lib/trpc";
import { MAX_JOBS, type Row, type RunFormState } from "./run-form";

/** What every group of fields gets: the form, a patch setter and the server's message per field. */
export interface FieldsProps {
  form: RunFormState;
  set: (patch: Partial<RunFormState>) => void;
  err: (field: string) => string | null;
}
type Where = { org: string; projectKey: string };

export function CommandFields({ form, set, err }: FieldsProps) {
  return (
    <>
      <Field id="job-command" label="Command" error={err("command")} hint="bash; its arguments are $1, $2 …">
        <Textarea id="job-command" rows={3} className="font-mono text-[13px]" value={form.command} invalid={!!err("command")} onChange={(e) => set({ command: e.target.value })} placeholder="python train.py --lr $PARAM_LR" />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="job-args" label="Arguments" hint="One per line" error={err("args")}>
          <Textarea id="job-args" rows={2} className="min-h-0 font-mono text-[13px]" value={form.args} onChange={(e) => set({ args: e.target.value })} />
        </Field>
        <Group label="Environment" error={err("env")}>
          <Rows rows={form.env} onChange={(env) => set({ env })} keyLabel="Variable" valuePlaceholder="value" addLabel="Add variable" />
        </Group>
      </div>
      <div className="grid gap-4 sm:grid-cols-[2fr_1fr]">
        <Field id="job-repo" label="Repository URL (optional)" error={err("repository")}>
          <Input id="job-repo" value={form.repoUrl} onChange={(e) => set({ repoUrl: e.target.value })} placeholder="https://github.com/acme/churn.git" />
        </Field>
        <Field id="job-commit" label="Commit">
          <Input id="job-commit" className="font-mono" value={form.commit} onChange={(e) => set({ commit: e.target.value })} placeholder="a1b2c3d" disabled={!form.repoUrl.trim()} />
        </Field>
      </div>
    </>
  );
}

/** The model version to score; its queries run only while the evaluate kind is chosen. */
export function EvaluateModelFields({ form, set, err, org, projectKey }: FieldsProps & Where) {
  const trpc = useTRPC();
  const models = useQuery(trpc.models.list.queryOptions({ org, key: projectKey }));
  const detail = useQuery(trpc.models.get.queryOptions({ org, key: projectKey, name: form.model }, { enabled: !!form.model }));
  return (
    <div className="grid gap-4 sm:grid-cols-[2fr_1fr]">
      <Field id="job-model" label="Model" error={err("model")}>
        <Select id="job-model" value={form.model} onChange={(e) => set({ model: e.target.value, modelVersion: "" })}>
          <option value="">{models.isPending ? "Loading…" : "Choose a model"}</option>
          {models.data?.map((m) => (
            <option key={m.name} value={m.name}>
              {m.name}
            </option>
          ))}
        </Select>
      </Field>
      <Field id="job-model-version" label="Model version">
        <Select id="job-model-version" value={form.modelVersion} disabled={!form.model} onChange={(e) => set({ modelVersion: e.target.value })}>
          <option value="">Version</option>
          {detail.data?.versions.map((v) => (
            <option key={v.version} value={v.version}>
              v{v.version}
            </option>
          ))}
        </Select>
      </Field>
    </div>
  );
}

export function EvaluateFields({ form, set, err }: FieldsProps) {
  return (
    <Field id="job-eval-target" label="Target column (optional)" hint="Default: the column the model was trained on" error={err("target")}>
      <Input id="job-eval-target" value={form.evalTarget} onChange={(e) => set({ evalTarget: e.target.value })} />
    </Field>
  );
}

export function DatasetFields({ form, set, err, org, projectKey }: FieldsProps & Where) {
  const trpc = useTRPC();
  const datasets = useQuery(trpc.datasets.list.queryOptions({ org, key: projectKey }));
  const versions = useQuery(trpc.datasets.versions.queryOptions({ org, key: projectKey, name: form.dataset }, { enabled: !!form.dataset }));
  return (
    <div className="grid gap-4 sm:grid-cols-[2fr_1fr]">
      <Field id="job-dataset" label={form.kind === "command" ? "Dataset version (optional, recorded as the run's input)" : "Dataset version"} error={err("dataset")}>
        <Select id="job-dataset" value={form.dataset} onChange={(e) => set({ dataset: e.target.value, datasetVersion: "" })}>
          <option value="">{datasets.isPending ? "Loading…" : datasets.data?.length ? "None" : "No datasets in this project"}</option>
          {datasets.data?.map((d) => (
            <option key={d.name} value={d.name}>
              {d.name}
            </option>
          ))}
        </Select>
      </Field>
      <Field id="job-dataset-version" label="Version">
        <Select id="job-dataset-version" value={form.datasetVersion} disabled={!form.dataset} onChange={(e) => set({ datasetVersion: e.target.value })}>
          <option value="">Version</option>
          {versions.data?.map((v) => (
            <option key={v.version} value={v.version}>
              v{v.version} · {v.rowCount.toLocaleString()} rows
            </option>
          ))}
        </Select>
      </Field>
    </div>
  );
}

const HYPERPARAMETERS = { epochs: "Epochs", learningRate: "Learning rate", batchSize: "Batch size" } as const;

export function TrainFields({ form, set, err }: FieldsProps) {
  const { train } = form;
  const setTrain = (patch: Partial<RunFormState["train"]>) => set({ train: { ...train, ...patch } });
  return (
    <div className="grid gap-4 sm:grid-cols-3">
      <Field id="job-target" label="Target column" error={err("target")}>
        <Input id="job-target" value={train.target} onChange={(e) => setTrain({ target: e.target.value })} placeholder="churned" />
      </Field>
      <Field id="job-register" label="Register as" error={err("registerAs")}>
        <Input id="job-register" value={train.registerAs} onChange={(e) => setTrain({ registerAs: e.target.value })} placeholder="churn-classifier" />
      </Field>
      <Field id="job-train-model" label="Model">
        <Select id="job-train-model" value={train.model} onChange={(e) => setTrain({ model: e.target.value as RunFormState["train"]["model"] })}>
          <option value="logistic_regression">Logistic regression</option>
          <option value="mlp">MLP (one hidden layer)</option>
        </Select>
      </Field>
      <Field id="job-features" label="Features" hint="Comma-separated; default: every numeric column" className="sm:col-span-3" error={err("features")}>
        <Input id="job-features" value={train.features} onChange={(e) => setTrain({ features: e.target.value })} />
      </Field>
      {(Object.keys(HYPERPARAMETERS) as (keyof typeof HYPERPARAMETERS)[]).map((k) => (
        <Field key={k} id={`job-${k}`} label={HYPERPARAMETERS[k]} error={err(k)}>
          <Input id={`job-${k}`} inputMode="decimal" value={train[k]} onChange={(e) => setTrain({ [k]: e.target.value })} />
        </Field>
      ))}
    </div>
  );
}

export function ParamsFields({ form, set, err, jobs }: FieldsProps & { jobs: number }) {
  return (
    <Group
      label="Parameters"
      error={err("params")}
      hint={
        form.kind === "command"
          ? "Exported as PARAM_<KEY> and recorded on the run. A comma-separated list sweeps: one job per combination."
          : "Recorded on the run; a key naming a setting (epochs, learningRate, batchSize …) sets it. Comma-separated lists sweep."
      }
    >
      <Rows rows={form.params} onChange={(params) => set({ params })} keyLabel="Parameter" valuePlaceholder="0.1, 0.01" addLabel="Add parameter" />
      <p aria-live="polite" className={cn("mt-1 text-[13px]", jobs > MAX_JOBS ? "text-red-600 dark:text-red-400" : "text-zinc-600 dark:text-zinc-400")} data-testid="sweep-size">
        {jobs > MAX_JOBS ? `${jobs} combinations: at most ${MAX_JOBS} jobs can be queued at once. Use fewer values.` : `${jobs} ${jobs === 1 ? "job" : "jobs"}`}
      </p>
    </Group>
  );
}

/** Where and how long the job may run: GPUs, runner labels, timeout and attempts. */
export function LimitsFields({ form, set, err }: FieldsProps) {
  return (
    <div className="grid gap-4 sm:grid-cols-4">
      <Field id="job-gpus" label="GPUs" error={err("gpus")}>
        <Select id="job-gpus" value={form.gpus} onChange={(e) => set({ gpus: e.target.value })}>
          {Array.from({ length: 9 }, (_, i) => (
            <option key={i} value={i}>
              {i}
            </option>
          ))}
        </Select>
      </Field>
      <Field id="job-labels" label="Runner labels" error={err("labels")}>
        <Input id="job-labels" value={form.labels} invalid={!!err("labels")} onChange={(e) => set({ labels: e.target.value })} placeholder="gpu, a100" />
      </Field>
      <Field id="job-timeout" label="Timeout (min)" error={err("timeout")}>
        <Input id="job-timeout" type="number" min={1} max={10080} value={form.timeout} invalid={!!err("timeout")} onChange={(e) => set({ timeout: e.target.value })} />
      </Field>
      <Field id="job-attempts" label="Max attempts" error={err("maxAttempts")}>
        <Input id="job-attempts" type="number" min={1} max={10} value={form.maxAttempts} invalid={!!err("maxAttempts")} onChange={(e) => set({ maxAttempts: e.target.value })} />
      </Field>
    </div>
  );
}

function Group({ label, hint, error, children }: { label: string; hint?: string; error?: string | null; children: ReactNode }) {
  return (
    <fieldset className="space-y-1.5">
      <legend className="mb-1.5 text-sm font-medium text-zinc-800 dark:text-zinc-200">{label}</legend>
      {children}
      {error ? <p className="text-[13px] text-red-600 dark:text-red-400">{error}</p> : hint ? <p className="text-[13px] text-zinc-500 dark:text-zinc-400">{hint}</p> : null}
    </fieldset>
  );
}

/** key = value rows with add and remove. */
function Rows({ rows, onChange, keyLabel, valuePlaceholder, addLabel }: { rows: Row[]; onChange: (rows: Row[]) => void; keyLabel: string; valuePlaceholder: string; addLabel: string }) {
  const set = (i: number, patch: Partial<Row>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <div className="space-y-1.5">
      {rows.map((r, i) => (
        <div key={i} className="flex items-center gap-1.5">
          <Input aria-label={`${keyLabel} ${i + 1} name`} className="h-8 max-w-[40%] font-mono text-[13px]" placeholder={keyLabel === "Parameter" ? "lr" : "NAME"} value={r.key} onChange={(e) => set(i, { key: e.target.value })} />
          <span className="text-zinc-400">=</span>
          <Input aria-label={`${keyLabel} ${i + 1} value`} className="h-8 min-w-0 flex-1 font-mono text-[13px]" placeholder={valuePlaceholder} value={r.value} onChange={(e) => set(i, { value: e.target.value })} />
          <Button type="button" variant="ghost" size="sm" className="px-1.5" aria-label={`Remove ${keyLabel.toLowerCase()} ${i + 1}`} onClick={() => onChange(rows.filter((_, j) => j !== i))}>
            <Trash2 className="size-3.5" aria-hidden />
          </Button>
        </div>
      ))}
      <Button type="button" variant="ghost" size="sm" onClick={() => onChange([...rows, { key: "", value: "" }])}>
        <Plus className="size-3.5" aria-hidden /> {addLabel}
      </Button>
    </div>
  );
}
