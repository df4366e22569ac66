"use client";

import { useState, type FormEvent } from "react";
import { useMutation, type UseMutationOptions } from "@tanstack/react-query";
import { fieldErrors } from "./server-errors";

/**
 * State of a "New …" form dialog: whether it is open, the form (reset to `empty` on close), the mutation
 * that submits it and its per-field errors. `submit` resolves to the mutation's result and closes the dialog,
 * or to null when it failed (the error then shows in `errors`).
 */
export function useFormDialog<TForm, TData, TError, TVariables, TContext, TField extends string>(
  empty: TForm,
  options: UseMutationOptions<TData, TError, TVariables, TContext>,
  fields: readonly TField[],
) {
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState(empty);
  const mutation = useMutation(options);
  const errors = mutation.error ? fieldErrors(mutation.error, fields) : null;

  function close() {
    setOpen(false);
    setForm(empty);
    mutation.reset();
  }

  async function submit(e: FormEvent, variables: TVariables): Promise<TData | null> {
    e.preventDefault();
    const data = await mutation.mutateAsync(variables).catch(() => null);
    if (!data) return null;
    close();
    return data;
  }

  return { open, setOpen, form, setForm, mutation, errors, close, submit };
}
