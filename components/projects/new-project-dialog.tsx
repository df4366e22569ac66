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

const EMPTY = { key: "", name: "", description: "" };

export function NewProjectButton({ org }: { org: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const toast = useToast();
  const dialog = useFormDialog(EMPTY, trpc.projects.create.mutationOptions(), ["key", "name", "description"] as const);
  const { form, setForm, errors, submit } = dialog;

  async function onSubmit(e: FormEvent) {
    const project = await submit(e, { org, ...form });
    if (!project) return;
    toast(`Project ${project.key} created`);
    await queryClient.invalidateQueries({ queryKey: trpc.projects.list.queryKey({ org }) });
    router.refresh();
  }

  return (
    <CreateDialogButton label="New project" description="A project tracks one ML problem from data to deployment." submitLabel="Create project" dialog={dialog} onSubmit={onSubmit}>
      <div className="grid grid-cols-[8rem_1fr] gap-3">
        <Field id="project-key" label="Key">
          <Input
            id="project-key"
            required
            autoFocus
            maxLength={10}
            placeholder="CHURN"
            className="font-mono uppercase"
            aria-describedby={errors?.fields.key ? "project-key-error" : "project-key-hint"}
            value={form.key}
            invalid={!!errors?.fields.key}
            onChange={(e) => setForm((f) => ({ ...f, key: e.target.value.toUpperCase() }))}
          />
        </Field>
        <Field id="project-name" label="Name" error={errors?.fields.name}>
          <Input
            id="project-name"
            required
            placeholder="Customer churn"
            value={form.name}
            invalid={!!errors?.fields.name}
            onChange={(e) => setForm((f) => ({ ...f, name: e.target.value }))}
          />
        </Field>
      </div>
      {errors?.fields.key ? (
        <p id="project-key-error" className="-mt-2 text-[13px] text-red-600 dark:text-red-400">
          Key: {errors.fields.key}
        </p>
      ) : (
        <p id="project-key-hint" className="-mt-2 text-[13px] text-zinc-500 dark:text-zinc-400">
          The key prefixes card numbers, e.g. {form.key || "CHURN"}-42: 2–10 letters or digits, starting with a letter.
        </p>
      )}
      <DescriptionField
        id="project-description"
        placeholder="What should the model predict, and for whom?"
        value={form.description}
        error={errors?.fields.description}
        onChange={(description) => setForm((f) => ({ ...f, description }))}
      />
    </CreateDialogButton>
  );
}
