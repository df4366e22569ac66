import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { Alert } from "@/components/ui/alert";
import { getDb } from "@/server/services/database";
import { describeEmailVerification } from "@/server/services/auth/verify-email";
import { VerifyEmailForm } from "./verify-email-form";

export const metadata: Metadata = { title: "Verify your email" };

const MESSAGES = {
  invalid: "This verification link is not valid. Sign in and ask for a new one from the banner at the top of the page.",
  expired: "This verification link has expired. Sign in and ask for a new one from the banner at the top of the page.",
  used: "This link was already used: your address is verified.",
} as const;

// Public: the link's secret is the proof; no session is needed to verify.
export default async function VerifyEmailPage({ params }: { params: Promise<{ token: string }> }) {
  await connection();
  const { token } = await params;
  const found = await describeEmailVerification({ db: await getDb(), token });
  return (
    <>
      <h1 className="text-lg font-semibold">Verify your email</h1>
      {found.state === "pending" ? (
        <VerifyEmailForm token={token} email={found.email} />
      ) : (
        <div className="mt-4 space-y-4">
          <Alert tone={found.state === "used" ? "success" : "error"}>{MESSAGES[found.state]}</Alert>
          <Link href="/" className="text-sm font-medium text-brand-600 hover:underline dark:text-brand-100">
            Continue to Runboard
          </Link>
        </div>
      )}
    </>
  );
}
