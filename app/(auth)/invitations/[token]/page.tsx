import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { ResendVerificationButton } from "@/components/account/resend-verification-button";
import { RoleBadges } from "@/components/settings/role-badges";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClass } from "@/components/ui/button";
import { auth, signOut } from "@/server/auth";
import { getDb } from "@/server/services/database";
import { emailStatus } from "@/server/services/auth/email-status";
import { describeInvitation } from "@/server/services/invitations/describe-invitation";
import { InvitationAnswer } from "./invitation-answer";

export const metadata: Metadata = { title: "Invitation" };

const CLOSED = {
  accepted: "This invitation was already accepted. A link works once.",
  revoked: "This invitation was withdrawn or declined. Ask the person who invited you for a new one.",
  expired: "This invitation has expired. Ask the person who invited you to send it again.",
} as const;

const linkClass = "font-medium text-brand-600 hover:underline dark:text-brand-100";

// Public: whoever holds the link sees what it offers; only the invited address's verified owner can accept.
export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  await connection();
  const { token } = await params;
  const db = await getDb();
  const invitation = await describeInvitation({ db, token });
  if (!invitation) {
    return (
      <>
        <h1 className="text-lg font-semibold">Invitation</h1>
        <Alert tone="error" className="mt-4">
          This invitation link is not valid. Ask the person who invited you for a new one.
        </Alert>
      </>
    );
  }
  const here = `/invitations/${token}`;
  const user = (await auth())?.user;
  const account = user?.id ? await emailStatus({ db, userId: user.id }) : null;

  async function switchAccount() {
    "use server";
    await signOut({ redirectTo: `/sign-in?callbackUrl=${encodeURIComponent(here)}` });
  }

  return (
    <>
      <h1 className="text-lg font-semibold">Join {invitation.org.name}</h1>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
        {invitation.invitedBy ?? "An admin"} invited <span className="font-medium text-zinc-900 dark:text-zinc-100">{invitation.email}</span> to
        this organization on Runboard.
      </p>
      <div className="mt-4 flex flex-wrap items-center gap-2 text-sm">
        <span className="text-zinc-600 dark:text-zinc-400">Roles</span>
        <RoleBadges roles={invitation.roles} />
      </div>
      <div className="mt-6 space-y-4 text-sm">
        {invitation.state !== "pending" ? (
          <Alert tone="error">{CLOSED[invitation.state]}</Alert>
        ) : !account ? (
          <>
            <p className="text-zinc-600 dark:text-zinc-400">Sign in as {invitation.email} to accept, or create an account with that address.</p>
            <div className="flex gap-2">
              <Link href={`/sign-in?callbackUrl=${encodeURIComponent(here)}`} className={buttonClass({ variant: "primary" }) + " flex-1"}>
                Sign in
              </Link>
              <Link href={`/sign-up?callbackUrl=${encodeURIComponent(here)}`} className={buttonClass() + " flex-1"}>
                Create an account
              </Link>
            </div>
          </>
        ) : account.email.toLowerCase() !== invitation.email.toLowerCase() ? (
          <>
            <Alert tone="warning">
              This invitation is for {invitation.email}, but you are signed in as {account.email}. Sign in as {invitation.email} to answer it.
            </Alert>
            <form action={switchAccount}>
              <Button type="submit" className="w-full">
                Sign out and switch account
              </Button>
            </form>
          </>
        ) : !account.verified ? (
          <>
            <Alert tone="warning">
              Verify {account.email} before you accept: open the link in the verification email we sent you, then come back to this page.
            </Alert>
            <ResendVerificationButton size="md" />
          </>
        ) : (
          <InvitationAnswer token={token} orgName={invitation.org.name} />
        )}
        <p>
          <Link href="/" className={linkClass}>
            Go to Runboard
          </Link>
        </p>
      </div>
    </>
  );
}
