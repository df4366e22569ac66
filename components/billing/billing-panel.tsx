"use client";

import { useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Plus, Trash2 } from "lucide-react";
import { errorMessage } from "@/components/forms/server-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/spinner";
import { Table, Td, Th } from "@/components/ui/table";
import { useTRPC } from "@/lib/trpc";
import { patchAt, toBillingDraft, toBillingInput, type BillingDraft, type GpuRateDraft, type RunnerDraft } from "./billing-draft";

/** Costs & carbon settings: admins edit, other members read. Prices apply to jobs that complete afterwards. */
export function BillingPanel({ org, isAdmin }: { org: string; isAdmin: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const settings = useQuery(trpc.billing.get.queryOptions({ org }));
  const save = useMutation(trpc.billing.put.mutationOptions());
  const [edits, setDraft] = useState<BillingDraft | null>(null);
  const [saved, setSaved] = useState(false);

  if (settings.isPending) return <Skeleton className="h-32" />;
  if (settings.isError) return <Alert tone="error">{errorMessage(settings.error)}</Alert>;
  // Unsaved edits, or the stored settings until the first edit.
  const draft = edits ?? toBillingDraft(settings.data);
  const ro = !isAdmin || !settings.data.canEdit;
  const set = (patch: Partial<BillingDraft>) => {
    setSaved(false);
    setDraft({ ...draft, ...patch });
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(toBillingInput(org, draft), {
      onSuccess: async () => {
        setSaved(true);
        setDraft(null);
        await queryClient.invalidateQueries({ queryKey: trpc.billing.get.queryKey({ org }) });
      },
    });
  };

  return (
    <section aria-labelledby="billing-heading" className="space-y-3">
      <h2 id="billing-heading" className="text-base font-semibold">
        Costs &amp; carbon
      </h2>
      <p className="text-sm text-zinc-500 dark:text-zinc-400">
        The server prices each job when it finishes: a runner&apos;s hourly rate if it has one, otherwise each GPU by its type&apos;s rate plus the CPU rate per wall hour. CO2e is the
        job&apos;s energy × the grid intensity. New settings apply to jobs that finish afterwards.{ro ? " Only admins can change them." : ""}
      </p>
      <Card>
        <CardBody>
          <form onSubmit={onSubmit} className="space-y-5" aria-label="Costs and carbon settings">
            <fieldset disabled={ro} className="grid gap-4 sm:grid-cols-3">
              <Field id="billing-currency" label="Currency" hint="Three-letter code, e.g. EUR">
                <Input id="billing-currency" value={draft.currency} maxLength={3} onChange={(e) => set({ currency: e.target.value })} />
              </Field>
              <Field id="billing-cpu" label="CPU rate per hour" hint="Per wall hour of each job">
                <Input id="billing-cpu" type="number" min={0} step="any" value={draft.cpuHourRate} onChange={(e) => set({ cpuHourRate: e.target.value })} />
              </Field>
              <Field id="billing-grid" label="Grid intensity (gCO2e/kWh)" hint="Empty: no CO2e recorded">
                <Input id="billing-grid" type="number" min={0} step="any" value={draft.gridIntensity} onChange={(e) => set({ gridIntensity: e.target.value })} />
              </Field>
            </fieldset>
            <GpuRatesFieldset rates={draft.gpuRates} readOnly={ro} onChange={(gpuRates) => set({ gpuRates })} />
            {draft.runners.length ? <RunnerOverridesFieldset runners={draft.runners} readOnly={ro} onChange={(runners) => set({ runners })} /> : null}
            {save.isError ? <Alert tone="error">{errorMessage(save.error)}</Alert> : null}
            {saved ? <Alert tone="success">Saved. Jobs that finish from now on use these prices.</Alert> : null}
            {ro ? null : (
              <Button type="submit" variant="primary" loading={save.isPending}>
                Save costs &amp; carbon
              </Button>
            )}
          </form>
        </CardBody>
      </Card>
    </section>
  );
}

function GpuRatesFieldset({ rates, readOnly, onChange }: { rates: GpuRateDraft[]; readOnly: boolean; onChange: (rates: GpuRateDraft[]) => void }) {
  return (
    <fieldset disabled={readOnly} className="space-y-2">
      <legend className="text-sm font-medium">GPU type rates (per GPU-hour)</legend>
      <p className="text-[13px] text-zinc-500 dark:text-zinc-400">
        A pattern matches GPU names that contain it (case-insensitive, e.g. &quot;H100&quot;); the longest match wins; &quot;*&quot; matches any GPU.
      </p>
      {rates.map((r, i) => (
        <div key={i} className="flex items-center gap-2">
          <Input aria-label={`GPU pattern ${i + 1}`} value={r.pattern} placeholder="H100" onChange={(e) => onChange(patchAt(rates, i, { pattern: e.target.value }))} />
          <RateInput aria-label={`GPU hourly rate ${i + 1}`} value={r.hourlyRate} onChange={(hourlyRate) => onChange(patchAt(rates, i, { hourlyRate }))} />
          {readOnly ? null : (
            <Button variant="ghost" size="sm" aria-label={`Remove GPU rate ${i + 1}`} onClick={() => onChange(rates.filter((_, j) => j !== i))}>
              <Trash2 className="size-4" aria-hidden />
            </Button>
          )}
        </div>
      ))}
      {readOnly ? null : (
        <Button size="sm" onClick={() => onChange([...rates, { pattern: "", hourlyRate: "" }])}>
          <Plus className="size-4" aria-hidden /> Add GPU rate
        </Button>
      )}
    </fieldset>
  );
}

function RunnerOverridesFieldset({ runners, readOnly, onChange }: { runners: RunnerDraft[]; readOnly: boolean; onChange: (runners: RunnerDraft[]) => void }) {
  return (
    <fieldset disabled={readOnly}>
      <legend className="mb-2 text-sm font-medium">Runner overrides</legend>
      <Table aria-label="Runner overrides">
        <thead>
          <tr>
            <Th>Runner</Th>
            <Th>Hourly rate (replaces GPU and CPU rates)</Th>
            <Th>Grid intensity (gCO2e/kWh)</Th>
          </tr>
        </thead>
        <tbody>
          {runners.map((r, i) => (
            <tr key={r.runnerId}>
              <Td>
                <div className="font-medium">{r.name}</div>
                <div className="text-xs text-zinc-500">{r.gpuNames.join(", ") || "CPU only"}</div>
              </Td>
              <Td>
                <RateInput aria-label={`Hourly rate of ${r.name}`} placeholder="org rates" value={r.hourlyRate} onChange={(hourlyRate) => onChange(patchAt(runners, i, { hourlyRate }))} />
              </Td>
              <Td>
                <RateInput aria-label={`Grid intensity of ${r.name}`} placeholder="org intensity" value={r.gridIntensity} onChange={(gridIntensity) => onChange(patchAt(runners, i, { gridIntensity }))} />
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </fieldset>
  );
}

/** A non-negative decimal field kept as typed (empty means "not set"). */
function RateInput({ onChange, ...rest }: { "aria-label": string; value: string; placeholder?: string; onChange: (value: string) => void }) {
  return <Input type="number" min={0} step="any" {...rest} onChange={(e) => onChange(e.target.value)} />;
}
