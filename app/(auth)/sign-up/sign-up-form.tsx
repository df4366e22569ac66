"use client";

import { useState, type FormEvent } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useMutation } from "@tanstack/react-query";
import { fieldErrors } from "@/components/forms/server-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useTRPC } from "@/lib/trpc";

const FIELDS = ["name", "email", "password"] as const;

export function SignUpForm({ callbackPath }: { callbackPath: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [form, setForm] = useState({ name: "", email: "", password: "" });
  const [signingIn, setSigningIn] = useState(false);
  const signUp = useMutation(trpc.account.signUp.mutationOptions());
  const errors = signUp.error ? fieldErrors(signUp.error, FIELDS) : { form: null, fields: {} as Partial<Record<(typeof FIELDS)[number], string>> };

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    try {
      await signUp.mutateAsync(form);
    } catch {
      return;
    }
    setSigningIn(true);
    const res = await signIn("credentials", { email: form.email, password: form.password, redirect: false });
    if (res?.error) {
      router.replace(`/sign-in?callbackUrl=${encodeURIComponent(callbackPath)}`);
      return;
    }
    router.replace(callbackPath);
    router.refresh();
  }

  const set = (key: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) => setForm((f) => ({ ...f, [key]: e.target.value }));

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}
      <Field id="name" label="Name" error={errors.fields.name}>
        <Input id="name" autoComplete="name" required autoFocus value={form.name} onChange={set("name")} invalid={!!errors.fields.name} />
      </Field>
      <Field id="email" label="Email" error={errors.fields.email}>
        <Input id="email" type="email" autoComplete="email" required value={form.email} onChange={set("email")} invalid={!!errors.fields.email} />
      </Field>
      <Field id="password" label="Password" hint="At least 8 characters." error={errors.fields.password}>
        <Input
          id="password"
          type="password"
          autoComplete="new-password"
          required
          value={form.password}
          onChange={set("password")}
          invalid={!!errors.fields.password}
        />
      </Field>
      <Button type="submit" variant="primary" className="w-full" loading={signUp.isPending || signingIn}>
        Create account
      </Button>
      <p className="text-center text-sm text-zinc-600 dark:text-zinc-400">
        Already have an account?{" "}
        <Link href="/sign-in" className="font-medium text-brand-600 hover:underline dark:text-brand-100">
          Sign in
        </Link>
      </p>
    </form>
  );
}
