"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { errorMessage } from "@/components/forms/server-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useTRPC } from "@/lib/trpc";

/** Accept or Decline, for the signed-in, verified owner of the invited address. */
export function InvitationAnswer({ token, orgName }: { token: string; orgName: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const accept = useMutation(trpc.invitations.accept.mutationOptions());
  const decline = useMutation(trpc.invitations.decline.mutationOptions());
  const error = accept.error ?? decline.error;

  if (decline.isSuccess) {
    return (
      <Alert tone="info">
        You declined the invitation to {orgName}. <Link href="/">Go to Runboard</Link>
      </Alert>
    );
  }
  async function onAccept() {
    const joined = await accept.mutateAsync({ token }).catch(() => null);
    if (!joined) return;
    router.push(`/${joined.org.slug}`);
    router.refresh();
  }
  return (
    <div className="space-y-3">
      {error ? <Alert tone="error">{errorMessage(error)}</Alert> : null}
      <div className="flex gap-2">
        <Button variant="primary" className="flex-1" onClick={onAccept} loading={accept.isPending || accept.isSuccess} disabled={decline.isPending}>
          Accept invitation
        </Button>
        <Button className="flex-1" onClick={() => decline.mutate({ token })} loading={decline.isPending} disabled={accept.isPending || accept.isSuccess}>
          Decline
        </Button>
      </div>
    </div>
  );
}
