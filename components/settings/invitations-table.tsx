"use client";

import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Mail, Send, X } from "lucide-react";
import type { Role } from "@/db/schema";
import { errorMessage } from "@/components/forms/server-errors";
import { SectionHeading } from "@/components/shell/section-heading";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog, Dialog, DialogActions } from "@/components/ui/dialog";
import { Table, Td, Th } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";
import { useTRPC } from "@/lib/trpc";
import { InvitationLink } from "./invitation-link";
import { RoleBadges } from "./role-badges";

interface Invitation {
  id: string;
  email: string;
  roles: Role[];
  invitedBy: string | null;
  expiresAt: Date;
  expired: boolean;
}

const dateTimeFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });

/** Open invitations, for those who manage members: who was invited as what, by whom, until when. */
export function InvitationsTable({ org, grantable }: { org: string; grantable: Role[] }) {
  const trpc = useTRPC();
  const toast = useToast();
  const queryClient = useQueryClient();
  const invitations = useQuery(trpc.invitations.list.queryOptions({ org }));
  const [revoking, setRevoking] = useState<Invitation | null>(null);
  const [resent, setResent] = useState<{ email: string; link: string } | null>(null);
  const resend = useMutation(trpc.invitations.resend.mutationOptions());
  const revoke = useMutation(trpc.invitations.revoke.mutationOptions());
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.invitations.list.queryKey({ org }) });
  const mayTouch = (i: Invitation) => i.roles.every((r) => grantable.includes(r));

  async function onResend(i: Invitation) {
    const done = await resend.mutateAsync({ org, invitationId: i.id }).catch((err: unknown) => (toast(errorMessage(err), { tone: "error" }), null));
    if (!done) return;
    toast(`Invitation sent again to ${done.email}`);
    await invalidate();
    setResent({ email: done.email, link: done.link });
  }

  async function onRevoke() {
    if (!revoking) return;
    const done = await revoke.mutateAsync({ org, invitationId: revoking.id }).catch(() => null);
    if (!done) return;
    toast(`Invitation to ${revoking.email} revoked`);
    await invalidate();
    setRevoking(null);
  }

  if (invitations.isError) return <Alert tone="error">{errorMessage(invitations.error)}</Alert>;
  if (!invitations.data?.length) return null;
  return (
    <section aria-labelledby="invitations-heading" className="mt-10">
      <SectionHeading id="invitations-heading" title="Pending invitations" className="mb-4">
        Sent but not yet accepted. A link works once, for the invited address only, until it expires.
      </SectionHeading>
      <Table>
        <thead>
          <tr>
            <Th>Email</Th>
            <Th>Roles</Th>
            <Th>Invited by</Th>
            <Th>Expires</Th>
            <Th className="text-right">Actions</Th>
          </tr>
        </thead>
        <tbody>
          {invitations.data.map((i) => (
            <tr key={i.id}>
              <Td>
                <div className="flex items-center gap-2 font-medium">
                  <Mail className="size-3.5 text-zinc-400" aria-hidden />
                  {i.email}
                </div>
              </Td>
              <Td>
                <RoleBadges roles={i.roles} />
              </Td>
              <Td className="text-zinc-600 dark:text-zinc-400">{i.invitedBy ?? "—"}</Td>
              <Td className="whitespace-nowrap text-zinc-600 dark:text-zinc-400">
                {i.expired ? <Badge tone="amber">Expired</Badge> : dateTimeFormat.format(i.expiresAt)}
              </Td>
              <Td className="text-right whitespace-nowrap">
                {mayTouch(i) ? (
                  <>
                    <Button variant="ghost" size="sm" onClick={() => onResend(i)} loading={resend.isPending && resend.variables?.invitationId === i.id} aria-label={`Resend the invitation to ${i.email}`}>
                      <Send className="size-3.5" aria-hidden />
                      Resend
                    </Button>
                    <Button variant="ghost" size="sm" onClick={() => setRevoking(i)} aria-label={`Revoke the invitation to ${i.email}`}>
                      <X className="size-3.5" aria-hidden />
                      Revoke
                    </Button>
                  </>
                ) : (
                  <span className="text-[13px] text-zinc-400">Only admins can change this one</span>
                )}
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>

      <ConfirmDialog
        open={!!revoking}
        onClose={() => (revoke.reset(), setRevoking(null))}
        onConfirm={onRevoke}
        title={`Revoke the invitation to ${revoking?.email ?? ""}?`}
        description="Its link stops working at once. You can invite the address again later."
        confirmLabel="Revoke invitation"
        pending={revoke.isPending}
        error={revoke.error ? <Alert tone="error">{errorMessage(revoke.error)}</Alert> : null}
      />
      <Dialog open={!!resent} onClose={() => setResent(null)} title="Invitation sent again" description="The earlier link no longer works; this one is valid for 7 days.">
        {resent ? <InvitationLink email={resent.email} link={resent.link} /> : null}
        <DialogActions>
          <Button variant="primary" onClick={() => setResent(null)}>
            Done
          </Button>
        </DialogActions>
      </Dialog>
    </section>
  );
}
