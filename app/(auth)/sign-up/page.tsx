import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { auth } from "@/server/auth";
import { safeCallbackPath } from "@/server/auth/callback-url";
import { SignUpForm } from "./sign-up-form";

export const metadata: Metadata = { title: "Create an account" };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const callbackPath = safeCallbackPath((await searchParams).callbackUrl);
  if ((await auth())?.user?.id) redirect(callbackPath);
  return (
    <>
      <h1 className="text-lg font-semibold">Create your account</h1>
      <p className="mt-1 mb-6 text-sm text-zinc-600 dark:text-zinc-400">Then create an organization or ask to be added to one.</p>
      <SignUpForm callbackPath={callbackPath} />
    </>
  );
}
