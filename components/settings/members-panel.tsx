"use client";

import { useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Pencil, Trash2, UserPlus, Users } from "lucide-react";
import type { Role } from "@/db/schema";
import { errorMessage, fieldErrors } from "@/components/forms/server-errors";
import { SectionHeading } from "@/components/shell/section-heading";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CheckboxGroup } from "@/components/ui/checkbox-group";
import { ConfirmDialog, Dialog, DialogFormActions } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/spinner";
import { Table, Td, Th } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";
import { useTRPC } from "@/lib/trpc";
import { RoleBadges } from "./role-badges";
import { InvitationsTable } from "./invitations-table";
import { InviteMemberDialog } from "./invite-member-dialog";
import { GrantHint, roleOptions } from "./role-options";
import { ROLE_ORDER } from "./roles";

interface Member {
  userId: string;
  email: string;
  name: string;
  roles: Role[];
  joinedAt: Date;
}

interface Props {
  org: string;
  currentUserId: string;
  canManage: boolean;
  isAdmin: boolean;
  grantable: Role[];
}

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium" });

export function MembersPanel({ org, currentUserId, canManage, isAdmin, grantable }: Props) {
  const trpc = useTRPC();
  const members = useQuery(trpc.members.list.queryOptions({ org }));
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<Member | null>(null);
  const [removing, setRemoving] = useState<Member | null>(null);
  const mayTouch = (m: Member) => canManage && (isAdmin || !m.roles.includes("admin"));

  return (
    <section aria-labelledby="members-heading">
      <div className="mb-4 flex items-end justify-between gap-4">
        <SectionHeading id="members-heading" title="Members">
          {canManage
            ? "People in this organization and their roles. You can grant only roles you hold yourself, unless you are an admin."
            : "People in this organization and their roles. Admins and managers can invite and remove members."}
        </SectionHeading>
        {canManage ? (
          <Button variant="primary" onClick={() => setAdding(true)}>
            <UserPlus className="size-4" aria-hidden />
            Invite member
          </Button>
        ) : null}
      </div>

      {members.isPending ? (
        <Skeleton className="h-48" />
      ) : members.isError ? (
        <Alert tone="error">{errorMessage(members.error)}</Alert>
      ) : members.data.length === 0 ? (
        <EmptyState icon={Users} title="No members" />
      ) : (
        <Table>
          <thead>
            <tr>
              <Th>Member</Th>
              <Th>Roles</Th>
              <Th>Joined</Th>
              {canManage ? <Th className="text-right">Actions</Th> : null}
            </tr>
          </thead>
          <tbody>
            {members.data.map((m) => (
              <tr key={m.userId}>
                <Td>
                  <div className="font-medium">
                    {m.name}
                    {m.userId === currentUserId ? (
                      <Badge className="ml-2" tone="neutral">
                        You
                      </Badge>
                    ) : null}
                  </div>
                  <div className="text-[13px] text-zinc-500 dark:text-zinc-400">{m.email}</div>
                </Td>
                <Td>
                  <RoleBadges roles={m.roles} />
                </Td>
                <Td className="whitespace-nowrap text-zinc-600 dark:text-zinc-400">{dateFormat.format(m.joinedAt)}</Td>
                {canManage ? (
                  <Td className="text-right whitespace-nowrap">
                    {mayTouch(m) ? (
                      <>
                        <Button variant="ghost" size="sm" onClick={() => setEditing(m)} aria-label={`Change roles of ${m.name}`}>
                          <Pencil className="size-3.5" aria-hidden />
                          Roles
                        </Button>
                        <Button variant="ghost" size="sm" onClick={() => setRemoving(m)} aria-label={`Remove ${m.name}`}>
                          <Trash2 className="size-3.5" aria-hidden />
                          Remove
                        </Button>
                      </>
                    ) : (
                      <span className="text-[13px] text-zinc-400">Only admins can change admins</span>
                    )}
                  </Td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </Table>
      )}

      {canManage ? <InvitationsTable org={org} grantable={grantable} /> : null}
      <InviteMemberDialog org={org} open={adding} onClose={() => setAdding(false)} grantable={grantable} />
      {editing ? <EditRolesDialog org={org} member={editing} grantable={grantable} onClose={() => setEditing(null)} /> : null}
      {removing ? <RemoveMemberDialog org={org} member={removing} onClose={() => setRemoving(null)} /> : null}
    </section>
  );
}

function useInvalidateMembers(org: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.members.list.queryKey({ org }) });
}

function EditRolesDialog({ org, member, grantable, onClose }: { org: string; member: Member; grantable: Role[]; onClose: () => void }) {
  const trpc = useTRPC();
  const toast = useToast();
  const invalidate = useInvalidateMembers(org);
  const [roles, setRoles] = useState<Role[]>(member.roles);
  const update = useMutation(trpc.members.updateRoles.mutationOptions());
  const errors = update.error ? fieldErrors(update.error, ["roles"] as const) : null;

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const done = await update.mutateAsync({ org, userId: member.userId, roles }).catch(() => null);
    if (!done) return;
    toast(`Roles of ${member.name} updated`);
    await invalidate();
    onClose();
  }

  return (
    <Dialog open onClose={onClose} title={`Roles of ${member.name}`} description={member.email}>
      <form onSubmit={onSubmit} className="space-y-5" noValidate>
        {errors?.form ? <Alert tone="error">{errors.form}</Alert> : null}
        <CheckboxGroup
          legend="Roles"
          options={roleOptions(grantable, member.roles)}
          value={roles}
          onChange={setRoles}
          error={errors?.fields.roles}
        />
        {grantable.length < ROLE_ORDER.length ? <GrantHint /> : null}
        <DialogFormActions onCancel={onClose} submitLabel="Save roles" pending={update.isPending} />
      </form>
    </Dialog>
  );
}

function RemoveMemberDialog({ org, member, onClose }: { org: string; member: Member; onClose: () => void }) {
  const trpc = useTRPC();
  const toast = useToast();
  const invalidate = useInvalidateMembers(org);
  const remove = useMutation(trpc.members.remove.mutationOptions());

  async function onConfirm() {
    const done = await remove.mutateAsync({ org, userId: member.userId }).catch(() => null);
    if (!done) return;
    toast(`${member.name} removed`);
    await invalidate();
    onClose();
  }

  return (
    <ConfirmDialog
      open
      onClose={onClose}
      onConfirm={onConfirm}
      title={`Remove ${member.name}?`}
      description={`${member.email} loses access to this organization at once, and their API tokens for it stop working.`}
      confirmLabel="Remove member"
      pending={remove.isPending}
      error={remove.error ? <Alert tone="error">{errorMessage(remove.error)}</Alert> : null}
    />
  );
}
