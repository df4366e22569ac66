"use client";

import { useState, type FormEvent } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

const MESSAGES: Record<string, string> = {
  invalid_credentials: "Wrong email or password.",
  OAuthAccountNotLinked:
    "This email belongs to a Runboard account GitHub cannot be linked to yet. Sign in with its password and verify the address from the banner; then GitHub sign-in links to it.",
  AccessDenied: "Access was denied.",
};

function messageFor(code: string | null | undefined, error: string | null | undefined): string {
  const wait = /^too_many_attempts_(\d+)$/.exec(code ?? "");
  if (wait) {
    const s = Number(wait[1]);
    return `Too many failed sign-ins. Wait ${s < 90 ? `${s} seconds` : `${Math.ceil(s / 60)} minutes`}, then try again.`;
  }
  return (code && MESSAGES[code]) ?? (error === "CredentialsSignin" ? MESSAGES.invalid_credentials! : "Sign-in failed. Try again.");
}

export function SignInForm({ callbackPath, initialError }: { callbackPath: string; initialError: string | null }) {
  const router = useRouter();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(initialError ? messageFor(initialError, initialError) : null);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setPending(true);
    setError(null);
    try {
      const res = await signIn("credentials", { email, password, redirect: false });
      if (!res || res.error) {
        setError(messageFor(res?.code, res?.error));
        setPending(false);
        return;
      }
      router.replace(callbackPath);
      router.refresh();
    } catch {
      setError("Runboard could not be reached. Check your connection and try again.");
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {error ? <Alert tone="error">{error}</Alert> : null}
      <Field id="email" label="Email">
        <Input
          id="email"
          type="email"
          autoComplete="email"
          required
          autoFocus
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
      </Field>
      <Field id="password" label="Password">
        <Input
          id="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </Field>
      <Button type="submit" variant="primary" className="w-full" loading={pending}>
        Sign in
      </Button>
      <p className="text-center text-sm text-zinc-600 dark:text-zinc-400">
        New to Runboard?{" "}
        <Link
          href={callbackPath === "/" ? "/sign-up" : `/sign-up?callbackUrl=${encodeURIComponent(callbackPath)}`}
          className="font-medium text-brand-600 hover:underline dark:text-brand-100"
        >
          Create an account
        </Link>
      </p>
    </form>
  );
}
