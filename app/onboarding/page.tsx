import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { ArrowLeft } from "lucide-react";
import { VerifyEmailBanner } from "@/components/account/verify-email-banner";
import { Logo } from "@/components/brand/logo";
import { emailStatus } from "@/server/services/auth/email-status";
import { auth } from "@/server/auth";
import { getDb } from "@/server/services/database";
import { listMyOrgs } from "@/server/services/orgs/list-my-orgs";
import { CreateOrgForm } from "./create-org-form";

export const metadata: Metadata = { title: "New organization" };

export default async function OnboardingPage() {
  await connection();
  const session = await auth();
  if (!session?.user?.id) redirect("/sign-in?callbackUrl=%2Fonboarding");
  const db = await getDb();
  const [orgs, email] = await Promise.all([listMyOrgs({ ctx: { db, actor: { userId: session.user.id } } }), emailStatus({ db, userId: session.user.id })]);
  const first = orgs[0];

  return (
    <main className="flex min-h-screen flex-col items-center justify-center bg-zinc-50 px-4 py-12 dark:bg-zinc-950">
      {email && !email.verified ? (
        <div className="w-full max-w-2xl">
          <VerifyEmailBanner email={email.email} />
        </div>
      ) : null}
      <Logo className="mb-8 text-lg" />
      <div className="w-full max-w-md rounded-xl border border-zinc-200 bg-white p-7 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
        <h1 className="text-lg font-semibold">{first ? "Create another organization" : "Create your organization"}</h1>
        <p className="mt-1 mb-6 text-sm text-zinc-600 dark:text-zinc-400">
          An organization holds your team&apos;s projects, members, runners and API tokens. You will be its admin.
        </p>
        <CreateOrgForm />
      </div>
      {first ? (
        <Link
          href={`/${first.slug}`}
          className="mt-6 inline-flex items-center gap-1.5 text-sm text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
        >
          <ArrowLeft className="size-4" aria-hidden />
          Back to {first.name}
        </Link>
      ) : (
        <p className="mt-6 max-w-md text-center text-sm text-zinc-500">
          Joining an existing team? Ask one of its admins or managers to add <strong>{session.user.email}</strong>.
        </p>
      )}
    </main>
  );
}
