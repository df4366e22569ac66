"use client";

import type { FormEvent } from "react";
import { useRouter } from "next/navigation";
import { useQueryClient } from "@tanstack/react-query";
import { CreateDialogButton, DescriptionField } from "@/components/create-dialog";
import { useFormDialog } from "@/components/forms/use-form-dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { useTRPC } from "@/lib/trpc";
import { datasetHref } from "./format";

const EMPTY = { name: "", description: "", licence: "", containsPersonalData: false };

export function NewDatasetButton({ org, projectKey }: { org: string; projectKey: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const toast = useToast();
  const dialog = useFormDialog(EMPTY, trpc.datasets.create.mutationOptions(), ["name", "description", "licence"] as const);
  const { form, setForm, errors, submit } = dialog;

  async function onSubmit(e: FormEvent) {
    const created = await submit(e, { org, key: projectKey, ...form });
    if (!created) return;
    toast(`Dataset ${created.name} created`);
    await queryClient.invalidateQueries({ queryKey: trpc.datasets.list.queryKey({ org, key: projectKey }) });
    router.push(datasetHref(org, projectKey, created.name));
  }

  return (
    <CreateDialogButton label="New dataset" description="Versions are uploaded on the dataset's page; each one is immutable." submitLabel="Create dataset" dialog={dialog} onSubmit={onSubmit}>
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
      <DescriptionField
        id="dataset-description"
        placeholder="Where the data comes from and what a row is"
        value={form.description}
        error={errors?.fields.description}
        onChange={(description) => setForm((f) => ({ ...f, description }))}
      />
    </CreateDialogButton>
  );
}
