"use client";

import type { FormEvent } from "react";
import { useRouter } from "next/navigation";
import { useQueryClient } from "@tanstack/react-query";
import { Plus } from "lucide-react";
import { useFormDialog } from "@/components/forms/use-form-dialog";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogFormActions } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input, Textarea } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { useTRPC } from "@/lib/trpc";
import { datasetHref } from "./format";

const EMPTY = { name: "", description: "", licence: "", containsPersonalData: false };

export function NewDatasetButton({ org, projectKey }: { org: string; projectKey: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const toast = useToast();
  const { open, setOpen, form, setForm, mutation: create, errors, close, submit } = useFormDialog(
    EMPTY,
    trpc.datasets.create.mutationOptions(),
    ["name", "description", "licence"] as const,
  );

  async function onSubmit(e: FormEvent) {
    const created = await submit(e, { org, key: projectKey, ...form });
    if (!created) return;
    toast(`Dataset ${created.name} created`);
    await queryClient.invalidateQueries({ queryKey: trpc.datasets.list.queryKey({ org, key: projectKey }) });
    router.push(datasetHref(org, projectKey, created.name));
  }

  return (
    <>
      <Button variant="primary" onClick={() => setOpen(true)}>
        <Plus className="size-4" aria-hidden />
        New dataset
      </Button>
      <Dialog open={open} onClose={close} title="New dataset" description="Versions are uploaded on the dataset's page; each one is immutable.">
        <form onSubmit={onSubmit} className="space-y-4" noValidate>
          {errors?.form ? <Alert tone="error">{errors.form}</Alert> : null}
          <Field id="dataset-name" label="Name" error={errors?.fields.name} hint="Letters, digits, dots, dashes or underscores">
            <Input
              id="dataset-name"
              required
              autoFocus
              placeholder="customers"
              className="font-mono"
              value={form.name}
              invalid={!!errors?.fields.name}
              onChange={(e) => setForm((f) => ({ ...f, name: e.target.value }))}
            />
          </Field>
          <Field id="dataset-licence" label="Licence or usage terms" error={errors?.fields.licence}>
            <Input
              id="dataset-licence"
              required
              placeholder="CC BY 4.0, or: internal use only, delete after 2027"
              value={form.licence}
              invalid={!!errors?.fields.licence}
              onChange={(e) => setForm((f) => ({ ...f, licence: e.target.value }))}
            />
          </Field>
          <label className="flex items-center gap-2 text-sm text-zinc-800 dark:text-zinc-200">
            <input
              type="checkbox"
              className="size-4 rounded border-zinc-300"
              checked={form.containsPersonalData}
              onChange={(e) => setForm((f) => ({ ...f, containsPersonalData: e.target.checked }))}
            />
            Contains personal data
          </label>
          <Field id="dataset-description" label="Description" error={errors?.fields.description}>
            <Textarea
              id="dataset-description"
              rows={3}
              placeholder="Where the data comes from and what a row is"
              value={form.description}
              onChange={(e) => setForm((f) => ({ ...f, description: e.target.value }))}
            />
          </Field>
          <DialogFormActions onCancel={close} submitLabel="Create dataset" pending={create.isPending} />
        </form>
      </Dialog>
    </>
  );
}
