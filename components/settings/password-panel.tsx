"use client";

import { useState, type FormEvent } from "react";
import { useMutation } from "@tanstack/react-query";
import { fieldErrors } from "@/components/forms/server-errors";
import { SectionHeading } from "@/components/shell/section-heading";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { useTRPC } from "@/lib/trpc";

/** Changes the signed-in person's password; every other browser signed in to the account is signed out. */
export function PasswordPanel() {
  const trpc = useTRPC();
  const toast = useToast();
  const change = useMutation(trpc.account.changePassword.mutationOptions());
  const [currentPassword, setCurrent] = useState("");
  const [newPassword, setNew] = useState("");
  const errors = change.error ? fieldErrors(change.error, ["currentPassword", "newPassword"] as const) : null;

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const done = await change.mutateAsync({ currentPassword, newPassword }).catch(() => null);
    if (!done) return;
    setCurrent("");
    setNew("");
    toast("Password changed. Other browsers signed in to your account were signed out.");
  }

  return (
    <section aria-labelledby="password-heading" className="max-w-xl space-y-6">
      <SectionHeading id="password-heading" title="Password">
        Changing your password signs out every other browser signed in to your account.
      </SectionHeading>
      <Card>
        <CardBody>
          <form onSubmit={onSubmit} className="space-y-4" noValidate>
            <Field id="current-password" label="Current password" error={errors?.fields.currentPassword}>
              <Input
                id="current-password"
                type="password"
                autoComplete="current-password"
                value={currentPassword}
                invalid={!!errors?.fields.currentPassword}
                onChange={(e) => setCurrent(e.target.value)}
              />
            </Field>
            <Field id="new-password" label="New password" error={errors?.fields.newPassword}>
              <Input
                id="new-password"
                type="password"
                autoComplete="new-password"
                value={newPassword}
                invalid={!!errors?.fields.newPassword}
                onChange={(e) => setNew(e.target.value)}
              />
            </Field>
            {errors?.form ? <Alert tone="error">{errors.form}</Alert> : null}
            <Button type="submit" variant="primary" loading={change.isPending}>
              Change password
            </Button>
          </form>
        </CardBody>
      </Card>
    </section>
  );
}
