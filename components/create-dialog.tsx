"use client";

import type { FormEvent, ReactNode } from "react";
import { Plus } from "lucide-react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogFormActions } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/input";

/**
 * A "New …" button and the dialog it opens: one form with the server's form-level error on top and
 * Cancel / submit below. The state comes from useFormDialog; the fields are the children.
 */
export function CreateDialogButton({
  label,
  description,
  submitLabel,
  dialog,
  onSubmit,
  children,
}: {
  /** The button's text and the dialog's title, e.g. "New dataset". */
  label: string;
  description: string;
  submitLabel: string;
  dialog: { open: boolean; setOpen: (open: boolean) => void; close: () => void; errors: { form: string | null } | null; mutation: { isPending: boolean } };
  onSubmit: (e: FormEvent) => void;
  children: ReactNode;
}) {
  return (
    <>
      <Button variant="primary" onClick={() => dialog.setOpen(true)}>
        <Plus className="size-4" aria-hidden />
        {label}
      </Button>
      <Dialog open={dialog.open} onClose={dialog.close} title={label} description={description}>
        <form onSubmit={onSubmit} className="space-y-4" noValidate>
          {dialog.errors?.form ? <Alert tone="error">{dialog.errors.form}</Alert> : null}
          {children}
          <DialogFormActions onCancel={dialog.close} submitLabel={submitLabel} pending={dialog.mutation.isPending} />
        </form>
      </Dialog>
    </>
  );
}

/** The optional free-text description every "New …" form ends with. */
export function DescriptionField({ id, placeholder, value, error, onChange }: { id: string; placeholder: string; value: string; error?: string; onChange: (value: string) => void }) {
  return (
    <Field id={id} label="Description" error={error}>
      <Textarea id={id} rows={3} placeholder={placeholder} value={value} onChange={(e) => onChange(e.target.value)} />
    </Field>
  );
}
