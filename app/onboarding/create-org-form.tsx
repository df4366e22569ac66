"use client";

import { useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { fieldErrors } from "@/components/forms/server-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useTRPC } from "@/lib/trpc";

function slugify(name: string): string {
  return name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
}

export function CreateOrgForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const [name, setName] = useState("");
  const [slug, setSlug] = useState("");
  const [slugTouched, setSlugTouched] = useState(false);
  const create = useMutation(trpc.orgs.create.mutationOptions());
  const errors = create.error ? fieldErrors(create.error, ["name", "slug"] as const) : null;

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const org = await create.mutateAsync({ name, slug }).catch(() => null);
    if (!org) return;
    router.push(`/${org.slug}`);
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {errors?.form ? <Alert tone="error">{errors.form}</Alert> : null}
      <Field id="org-name" label="Name" error={errors?.fields.name}>
        <Input
          id="org-name"
          required
          autoFocus
          placeholder="Acme ML"
          value={name}
          invalid={!!errors?.fields.name}
          onChange={(e) => {
            setName(e.target.value);
            if (!slugTouched) setSlug(slugify(e.target.value));
          }}
        />
      </Field>
      <Field id="org-slug" label="URL" hint="Lowercase letters, digits and dashes." error={errors?.fields.slug}>
        <div className="flex items-center">
          <span className="flex h-9 items-center rounded-l-md border border-r-0 border-zinc-300 bg-zinc-50 px-2.5 text-sm text-zinc-500 dark:border-zinc-700 dark:bg-zinc-800">
            runboard/
          </span>
          <Input
            id="org-slug"
            required
            placeholder="acme"
            className="rounded-l-none"
            value={slug}
            invalid={!!errors?.fields.slug}
            onChange={(e) => {
              setSlugTouched(true);
              setSlug(e.target.value);
            }}
          />
        </div>
      </Field>
      <Button type="submit" variant="primary" className="w-full" loading={create.isPending}>
        Create organization
      </Button>
    </form>
  );
}
