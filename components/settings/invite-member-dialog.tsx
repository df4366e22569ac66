"use client";

import { useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { Role } from "@/db/schema";
import { fieldErrors } from "@/components/forms/server-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CheckboxGroup } from "@/components/ui/checkbox-group";
import { Dialog, DialogActions, DialogFormActions } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { useTRPC } from "@/lib/trpc";
import { InvitationLink } from "./invitation-link";
import { GrantHint, roleOptions } from "./role-options";
import { ROLE_ORDER } from "./roles";

export function InviteMemberDialog({ org, open, onClose, grantable }: { org: string; open: boolean; onClose: () => void; grantable: Role[] }) {
  const trpc = useTRPC();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState("");
  const [roles, setRoles] = useState<Role[]>([]);
  const [sent, setSent] = useState<{ email: string; link: string } | null>(null);
  const invite = useMutation(trpc.invitations.create.mutationOptions());
  const errors = invite.error ? fieldErrors(invite.error, ["email", "roles"] as const) : null;

  function close() {
    setEmail("");
    setRoles([]);
    setSent(null);
    invite.reset();
    onClose();
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const invitation = await invite.mutateAsync({ org, email, roles }).catch(() => null);
    if (!invitation) return;
    toast(`Invitation sent to ${invitation.email}`);
    await queryClient.invalidateQueries({ queryKey: trpc.invitations.list.queryKey({ org }) });
    setSent({ email: invitation.email, link: invitation.link });
  }

  return (
    <Dialog
      open={open}
      onClose={close}
      title="Invite a member"
      description="We email them a link. They join once they accept it, signed in with this address verified; they can create an account from the link."
    >
      {sent ? (
        <>
          <InvitationLink email={sent.email} link={sent.link} />
          <DialogActions>
            <Button variant="primary" onClick={close}>
              Done
            </Button>
          </DialogActions>
        </>
      ) : (
        <form onSubmit={onSubmit} className="space-y-5" noValidate>
          {errors?.form ? <Alert tone="error">{errors.form}</Alert> : null}
          <Field id="member-email" label="Email" error={errors?.fields.email}>
            <Input
              id="member-email"
              type="email"
              required
              autoFocus
              placeholder="colleague@example.com"
              value={email}
              invalid={!!errors?.fields.email}
              onChange={(e) => setEmail(e.target.value)}
            />
          </Field>
          <CheckboxGroup legend="Roles" options={roleOptions(grantable)} value={roles} onChange={setRoles} error={errors?.fields.roles} />
          {grantable.length < ROLE_ORDER.length ? <GrantHint /> : null}
          <DialogFormActions onCancel={close} submitLabel="Send invitation" pending={invite.isPending} />
        </form>
      )}
    </Dialog>
  );
}
