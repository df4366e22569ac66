"use client";

import { useState, type ReactNode } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Plus, Trash2 } from "lucide-react";
import { errorMessage } from "@/components/forms/server-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Dialog, DialogFormActions } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input, Textarea } from "@/components/ui/input";
import { useTRPC } from "@/lib/trpc";
import { selectClass } from "@/components/cards/new-card-dialog";
import { MAX_JOBS, gridSize, parseList, serverFieldErrors, splitValues, type Row } from "./run-form";

type Kind = "command" | "train" | "evaluate";

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
  const [kind, setKind] = useState<Kind>("command");
  const [command, setCommand] = useState("");
  const [args, setArgs] = useState("");
  const [env, setEnv] = useState<Row[]>([]);
  const [repoUrl, setRepoUrl] = useState("");
  const [commit, setCommit] = useState("");
  const [dataset, setDataset] = useState("");
  const [datasetVersion, setDatasetVersion] = useState("");
  const [model, setModel] = useState("");
  const [modelVersion, setModelVersion] = useState("");
  const [train, setTrain] = useState({ target: "", features: "", model: "logistic_regression", epochs: "30", learningRate: "0.05", batchSize: "32", registerAs: "" });
  const [target, setTarget] = useState("");
  const [params, setParams] = useState<Row[]>([{ key: "", value: "" }]);
  const [gpus, setGpus] = useState("0");
  const [labels, setLabels] = useState("");
  const [timeout, setTimeoutMin] = useState("60");
  const [maxAttempts, setMaxAttempts] = useState("3");
  const [clientError, setClientError] = useState<string | null>(null);

  const datasets = useQuery(trpc.datasets.list.queryOptions({ org, key: projectKey }));
  const versions = useQuery(trpc.datasets.versions.queryOptions({ org, key: projectKey, name: dataset }, { enabled: !!dataset }));
  const models = useQuery(trpc.models.list.queryOptions({ org, key: projectKey }, { enabled: kind === "evaluate" }));
  const modelDetail = useQuery(trpc.models.get.queryOptions({ org, key: projectKey, name: model }, { enabled: kind === "evaluate" && !!model }));

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
  const filled = params.filter((p) => p.key.trim());
  const jobs = gridSize(filled);
  const errors = create.error ? serverFieldErrors(errorMessage(create.error)) : { form: null, fields: {} as Record<string, string> };
  const err = (f: string) => errors.fields[f] ?? null;
  const dsRef = dataset && datasetVersion ? { name: dataset, version: Number(datasetVersion) } : null;

  const submit = () => {
    setClientError(null);
    let spec;
    if (kind === "command") {
      spec = {
        kind,
        command,
        args: args.split("\n").filter((a) => a !== ""),
        env: Object.fromEntries(env.filter((r) => r.key.trim()).map((r) => [r.key.trim(), r.value])),
        ...(repoUrl.trim() ? { repository: { url: repoUrl.trim(), ...(commit.trim() ? { commit: commit.trim() } : {}) } } : {}),
      };
    } else if (!dsRef) {
      return setClientError("Choose a dataset version.");
    } else if (kind === "train") {
      spec = {
        kind,
        dataset: dsRef,
        target: train.target.trim(),
        ...(parseList(train.features).length ? { features: parseList(train.features) } : {}),
        model: train.model as "logistic_regression" | "mlp",
        epochs: Number(train.epochs),
        learningRate: Number(train.learningRate),
        batchSize: Number(train.batchSize),
        registerAs: train.registerAs.trim(),
      };
    } else {
      if (!model || !modelVersion) return setClientError("Choose a model version.");
      spec = { kind, model: { name: model, version: Number(modelVersion) }, dataset: dsRef, ...(target.trim() ? { target: target.trim() } : {}) };
    }
    create.mutate({
      org,
      job: {
        key: projectKey,
        card: cardKey,
        spec,
        gpus: Number(gpus),
        labels: parseList(labels),
        timeoutSeconds: Math.round(Number(timeout) * 60),
        maxAttempts: Number(maxAttempts),
        datasets: kind === "command" && dsRef ? [dsRef] : [],
      },
      params: filled.map((p) => ({ key: p.key.trim(), values: splitValues(p.value) })),
    });
  };

  return (
    <form
      className="space-y-5"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <div role="radiogroup" aria-label="Kind" className="grid grid-cols-3 gap-2">
        {KINDS.map((k) => (
          <label
            key={k.value}
            className={cn(
              "cursor-pointer rounded-lg border px-3 py-2 text-sm has-focus-visible:outline-2",
              kind === k.value ? "border-brand-500 bg-brand-50 dark:border-brand-500 dark:bg-brand-500/10" : "border-zinc-200 hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-800/60",
            )}
          >
            <input type="radio" name="kind" value={k.value} checked={kind === k.value} onChange={() => setKind(k.value)} className="sr-only" />
            <span className="font-medium">{k.label}</span>
          </label>
        ))}
      </div>
      <p className="-mt-3 text-[13px] text-zinc-500 dark:text-zinc-400">{KINDS.find((k) => k.value === kind)!.hint}</p>

      {kind === "command" ? (
        <>
          <Field id="job-command" label="Command" error={err("command")} hint="bash; its arguments are $1, $2 …">
            <Textarea id="job-command" rows={3} className="font-mono text-[13px]" value={command} invalid={!!err("command")} onChange={(e) => setCommand(e.target.value)} placeholder="python train.py --lr $PARAM_LR" />
          </Field>
          <div className="grid gap-4 sm:grid-cols-2">
            <Field id="job-args" label="Arguments" hint="One per line" error={err("args")}>
              <Textarea id="job-args" rows={2} className="min-h-0 font-mono text-[13px]" value={args} onChange={(e) => setArgs(e.target.value)} />
            </Field>
            <Group label="Environment" error={err("env")}>
              <Rows rows={env} onChange={setEnv} keyLabel="Variable" valuePlaceholder="value" addLabel="Add variable" />
            </Group>
          </div>
          <div className="grid gap-4 sm:grid-cols-[2fr_1fr]">
            <Field id="job-repo" label="Repository URL (optional)" error={err("repository")}>
              <Input id="job-repo" value={repoUrl} onChange={(e) => setRepoUrl(e.target.value)} placeholder="https://github.com/acme/churn.git" />
            </Field>
            <Field id="job-commit" label="Commit">
              <Input id="job-commit" className="font-mono" value={commit} onChange={(e) => setCommit(e.target.value)} placeholder="a1b2c3d" disabled={!repoUrl.trim()} />
            </Field>
          </div>
        </>
      ) : null}

      {kind === "evaluate" ? (
        <div className="grid gap-4 sm:grid-cols-[2fr_1fr]">
          <Field id="job-model" label="Model" error={err("model")}>
            <select id="job-model" className={selectClass} value={model} onChange={(e) => (setModel(e.target.value), setModelVersion(""))}>
              <option value="">{models.isPending ? "Loading…" : "Choose a model"}</option>
              {models.data?.map((m) => (
                <option key={m.name} value={m.name}>
                  {m.name}
                </option>
              ))}
            </select>
          </Field>
          <Field id="job-model-version" label="Model version">
            <select id="job-model-version" className={selectClass} value={modelVersion} disabled={!model} onChange={(e) => setModelVersion(e.target.value)}>
              <option value="">Version</option>
              {modelDetail.data?.versions.map((v) => (
                <option key={v.version} value={v.version}>
                  v{v.version}
                </option>
              ))}
            </select>
          </Field>
        </div>
      ) : null}

      <div className="grid gap-4 sm:grid-cols-[2fr_1fr]">
        <Field id="job-dataset" label={kind === "command" ? "Dataset version (optional, recorded as the run's input)" : "Dataset version"} error={err("dataset")}>
          <select id="job-dataset" className={selectClass} value={dataset} onChange={(e) => (setDataset(e.target.value), setDatasetVersion(""))}>
            <option value="">{datasets.isPending ? "Loading…" : datasets.data?.length ? "None" : "No datasets in this project"}</option>
            {datasets.data?.map((d) => (
              <option key={d.name} value={d.name}>
                {d.name}
              </option>
            ))}
          </select>
        </Field>
        <Field id="job-dataset-version" label="Version">
          <select id="job-dataset-version" className={selectClass} value={datasetVersion} disabled={!dataset} onChange={(e) => setDatasetVersion(e.target.value)}>
            <option value="">Version</option>
            {versions.data?.map((v) => (
              <option key={v.version} value={v.version}>
                v{v.version} · {v.rowCount.toLocaleString()} rows
              </option>
            ))}
          </select>
        </Field>
      </div>

      {kind === "train" ? (
        <div className="grid gap-4 sm:grid-cols-3">
          <Field id="job-target" label="Target column" error={err("target")}>
            <Input id="job-target" value={train.target} onChange={(e) => setTrain({ ...train, target: e.target.value })} placeholder="churned" />
          </Field>
          <Field id="job-register" label="Register as" error={err("registerAs")}>
            <Input id="job-register" value={train.registerAs} onChange={(e) => setTrain({ ...train, registerAs: e.target.value })} placeholder="churn-classifier" />
          </Field>
          <Field id="job-train-model" label="Model">
            <select id="job-train-model" className={selectClass} value={train.model} onChange={(e) => setTrain({ ...train, model: e.target.value })}>
              <option value="logistic_regression">Logistic regression</option>
              <option value="mlp">MLP (one hidden layer)</option>
            </select>
          </Field>
          <Field id="job-features" label="Features" hint="Comma-separated; default: every numeric column" className="sm:col-span-3" error={err("features")}>
            <Input id="job-features" value={train.features} onChange={(e) => setTrain({ ...train, features: e.target.value })} />
          </Field>
          {(["epochs", "learningRate", "batchSize"] as const).map((k) => (
            <Field key={k} id={`job-${k}`} label={{ epochs: "Epochs", learningRate: "Learning rate", batchSize: "Batch size" }[k]} error={err(k)}>
              <Input id={`job-${k}`} inputMode="decimal" value={train[k]} onChange={(e) => setTrain({ ...train, [k]: e.target.value })} />
            </Field>
          ))}
        </div>
      ) : null}
      {kind === "evaluate" ? (
        <Field id="job-eval-target" label="Target column (optional)" hint="Default: the column the model was trained on" error={err("target")}>
          <Input id="job-eval-target" value={target} onChange={(e) => setTarget(e.target.value)} />
        </Field>
      ) : null}

      <Group
        label="Parameters"
        error={err("params")}
        hint={
          kind === "command"
            ? "Exported as PARAM_<KEY> and recorded on the run. A comma-separated list sweeps: one job per combination."
            : "Recorded on the run; a key naming a setting (epochs, learningRate, batchSize …) sets it. Comma-separated lists sweep."
        }
      >
        <Rows rows={params} onChange={setParams} keyLabel="Parameter" valuePlaceholder="0.1, 0.01" addLabel="Add parameter" />
        <p aria-live="polite" className={cn("mt-1 text-[13px]", jobs > MAX_JOBS ? "text-red-600 dark:text-red-400" : "text-zinc-600 dark:text-zinc-400")} data-testid="sweep-size">
          {jobs > MAX_JOBS ? `${jobs} combinations: at most ${MAX_JOBS} jobs can be queued at once. Use fewer values.` : `${jobs} ${jobs === 1 ? "job" : "jobs"}`}
        </p>
      </Group>

      <div className="grid gap-4 sm:grid-cols-4">
        <Field id="job-gpus" label="GPUs" error={err("gpus")}>
          <select id="job-gpus" className={selectClass} value={gpus} onChange={(e) => setGpus(e.target.value)}>
            {Array.from({ length: 9 }, (_, i) => (
              <option key={i} value={i}>
                {i}
              </option>
            ))}
          </select>
        </Field>
        <Field id="job-labels" label="Runner labels" error={err("labels")}>
          <Input id="job-labels" value={labels} invalid={!!err("labels")} onChange={(e) => setLabels(e.target.value)} placeholder="gpu, a100" />
        </Field>
        <Field id="job-timeout" label="Timeout (min)" error={err("timeout")}>
          <Input id="job-timeout" type="number" min={1} max={10080} value={timeout} invalid={!!err("timeout")} onChange={(e) => setTimeoutMin(e.target.value)} />
        </Field>
        <Field id="job-attempts" label="Max attempts" error={err("maxAttempts")}>
          <Input id="job-attempts" type="number" min={1} max={10} value={maxAttempts} invalid={!!err("maxAttempts")} onChange={(e) => setMaxAttempts(e.target.value)} />
        </Field>
      </div>

      {clientError || errors.form ? <Alert tone="error">{clientError ?? errors.form}</Alert> : null}
      <DialogFormActions onCancel={onDone} submitLabel={jobs > 1 ? `Queue ${jobs} jobs` : "Queue job"} pending={create.isPending} disabled={jobs > MAX_JOBS} />
    </form>
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

/** Dispatched with the card key (e.g. by the command palette) to open the dialog on an open card. */
export const RUN_EXPERIMENT_EVENT = "runboard:run-experiment";
