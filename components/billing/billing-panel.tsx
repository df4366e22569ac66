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

interface Draft {
  currency: string;
  cpuHourRate: string;
  gridIntensity: string;
  gpuRates: { pattern: string; hourlyRate: string }[];
  runners: { runnerId: string; name: string; gpuNames: string[]; hourlyRate: string; gridIntensity: string }[];
}

function toDraft(s: { currency: string; cpuHourRate: number; gridIntensity: number | null; gpuRates: { pattern: string; hourlyRate: number }[]; runners: { runnerId: string; name: string; gpuNames: string[]; hourlyRate: number | null; gridIntensity: number | null }[] }): Draft {
  return {
    currency: s.currency,
    cpuHourRate: String(s.cpuHourRate),
    gridIntensity: str(s.gridIntensity),
    gpuRates: s.gpuRates.map((r) => ({ pattern: r.pattern, hourlyRate: String(r.hourlyRate) })),
    runners: s.runners.map((r) => ({ runnerId: r.runnerId, name: r.name, gpuNames: r.gpuNames, hourlyRate: str(r.hourlyRate), gridIntensity: str(r.gridIntensity) })),
  };
}

const str = (n: number | null) => (n === null ? "" : String(n));
const numOrNull = (s: string) => (s.trim() === "" ? null : Number(s));

/** Costs & carbon settings: admins edit, other members read. Prices apply to jobs that complete afterwards. */
export function BillingPanel({ org, isAdmin }: { org: string; isAdmin: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const settings = useQuery(trpc.billing.get.queryOptions({ org }));
  const save = useMutation(trpc.billing.put.mutationOptions());
  const [edits, setDraft] = useState<Draft | null>(null);
  const [saved, setSaved] = useState(false);

  if (settings.isPending) return <Skeleton className="h-32" />;
  if (settings.isError) return <Alert tone="error">{errorMessage(settings.error)}</Alert>;
  // Unsaved edits, or the stored settings until the first edit.
  const draft = edits ?? toDraft(settings.data);
  const ro = !isAdmin || !settings.data.canEdit;
  const set = (patch: Partial<Draft>) => {
    setSaved(false);
    setDraft({ ...draft, ...patch });
  };
  const setGpuRate = (i: number, patch: Partial<Draft["gpuRates"][number]>) => set({ gpuRates: draft.gpuRates.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
  const setRunner = (i: number, patch: Partial<Draft["runners"][number]>) => set({ runners: draft.runners.map((x, j) => (j === i ? { ...x, ...patch } : x)) });

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(
      {
        org,
        currency: draft.currency,
        cpuHourRate: Number(draft.cpuHourRate || 0),
        gridIntensity: numOrNull(draft.gridIntensity),
        gpuRates: draft.gpuRates.filter((r) => r.pattern.trim()).map((r) => ({ pattern: r.pattern, hourlyRate: Number(r.hourlyRate || 0) })),
        runners: draft.runners.map((r) => ({ runnerId: r.runnerId, hourlyRate: numOrNull(r.hourlyRate), gridIntensity: numOrNull(r.gridIntensity) })),
      },
      {
        onSuccess: async () => {
          setSaved(true);
          setDraft(null);
          await queryClient.invalidateQueries({ queryKey: trpc.billing.get.queryKey({ org }) });
        },
      },
    );
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

            <fieldset disabled={ro} className="space-y-2">
              <legend className="text-sm font-medium">GPU type rates (per GPU-hour)</legend>
              <p className="text-[13px] text-zinc-500 dark:text-zinc-400">
                A pattern matches GPU names that contain it (case-insensitive, e.g. &quot;H100&quot;); the longest match wins; &quot;*&quot; matches any GPU.
              </p>
              {draft.gpuRates.map((r, i) => (
                <div key={i} className="flex items-center gap-2">
                  <Input
                    aria-label={`GPU pattern ${i + 1}`}
                    value={r.pattern}
                    placeholder="H100"
                    onChange={(e) => setGpuRate(i, { pattern: e.target.value })}
                  />
                  <Input
                    aria-label={`GPU hourly rate ${i + 1}`}
                    type="number"
                    min={0}
                    step="any"
                    value={r.hourlyRate}
                    onChange={(e) => setGpuRate(i, { hourlyRate: e.target.value })}
                  />
                  {ro ? null : (
                    <Button variant="ghost" size="sm" aria-label={`Remove GPU rate ${i + 1}`} onClick={() => set({ gpuRates: draft.gpuRates.filter((_, j) => j !== i) })}>
                      <Trash2 className="size-4" aria-hidden />
                    </Button>
                  )}
                </div>
              ))}
              {ro ? null : (
                <Button size="sm" onClick={() => set({ gpuRates: [...draft.gpuRates, { pattern: "", hourlyRate: "" }] })}>
                  <Plus className="size-4" aria-hidden /> Add GPU rate
                </Button>
              )}
            </fieldset>

            {draft.runners.length ? (
              <fieldset disabled={ro}>
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
                    {draft.runners.map((r, i) => (
                      <tr key={r.runnerId}>
                        <Td>
                          <div className="font-medium">{r.name}</div>
                          <div className="text-xs text-zinc-500">{r.gpuNames.join(", ") || "CPU only"}</div>
                        </Td>
                        <Td>
                          <Input
                            aria-label={`Hourly rate of ${r.name}`}
                            type="number"
                            min={0}
                            step="any"
                            placeholder="org rates"
                            value={r.hourlyRate}
                            onChange={(e) => setRunner(i, { hourlyRate: e.target.value })}
                          />
                        </Td>
                        <Td>
                          <Input
                            aria-label={`Grid intensity of ${r.name}`}
                            type="number"
                            min={0}
                            step="any"
                            placeholder="org intensity"
                            value={r.gridIntensity}
                            onChange={(e) => setRunner(i, { gridIntensity: e.target.value })}
                          />
                        </Td>
                      </tr>
                    ))}
                  </tbody>
                </Table>
              </fieldset>
            ) : null}

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
