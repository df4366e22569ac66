"use client";

import { useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { KeyRound, TriangleAlert } from "lucide-react";
import { errorMessage, fieldErrors } from "@/components/forms/server-errors";
import { SectionHeading } from "@/components/shell/section-heading";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/dialog";
import { CopyField } from "@/components/ui/copy-field";
import { EmptyState } from "@/components/ui/empty-state";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/spinner";
import { Table, TableHead, Td } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";
import { useTRPC } from "@/lib/trpc";

const dateTime = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });

export function TokensPanel({ org, orgName }: { org: string; orgName: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const tokens = useQuery(trpc.tokens.list.queryOptions({ org }));
  const [name, setName] = useState("");
  const [secret, setSecret] = useState<{ name: string; token: string } | null>(null);
  const [revoking, setRevoking] = useState<{ id: string; name: string } | null>(null);
  const create = useMutation(trpc.tokens.create.mutationOptions());
  const revoke = useMutation(trpc.tokens.revoke.mutationOptions());
  const createErrors = create.error ? fieldErrors(create.error, ["name"] as const) : null;
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.tokens.list.queryKey({ org }) });

  async function onCreate(e: FormEvent) {
    e.preventDefault();
    const created = await create.mutateAsync({ org, name }).catch(() => null);
    if (!created) return;
    setSecret({ name: created.name, token: created.token });
    setName("");
    await invalidate();
  }

  async function onRevoke() {
    if (!revoking) return;
    const done = await revoke.mutateAsync({ org, tokenId: revoking.id }).catch(() => null);
    if (!done) return;
    toast(`Token "${revoking.name}" revoked`);
    setRevoking(null);
    await invalidate();
  }

  return (
    <section aria-labelledby="tokens-heading" className="space-y-6">
      <SectionHeading id="tokens-heading" title="API tokens">
        Personal tokens for scripts and the REST API. A token acts as you, with your roles, and works only in {orgName}. Send
        it in the header <code className="font-mono text-[13px]">Authorization: Bearer rb_…</code>
      </SectionHeading>

      <Card>
        <CardBody>
          <form onSubmit={onCreate} className="flex items-end gap-3" noValidate>
            <Field id="token-name" label="New token name" className="max-w-sm flex-1" error={createErrors?.fields.name}>
              <Input
                id="token-name"
                placeholder="e.g. training scripts"
                value={name}
                invalid={!!createErrors?.fields.name}
                onChange={(e) => setName(e.target.value)}
              />
            </Field>
            <Button type="submit" variant="primary" loading={create.isPending}>
              <KeyRound className="size-4" aria-hidden />
              Create token
            </Button>
          </form>
          {createErrors?.form ? (
            <Alert tone="error" className="mt-3">
              {createErrors.form}
            </Alert>
          ) : null}
          {secret ? <NewSecret name={secret.name} token={secret.token} onDone={() => setSecret(null)} /> : null}
        </CardBody>
      </Card>

      {tokens.isPending ? (
        <Skeleton className="h-32" />
      ) : tokens.isError ? (
        <Alert tone="error">{errorMessage(tokens.error)}</Alert>
      ) : tokens.data.length === 0 ? (
        <EmptyState icon={KeyRound} title="No API tokens">
          Create a token to call the Runboard API from scripts, CI or training code.
        </EmptyState>
      ) : (
        <Table aria-label="Your API tokens">
          <TableHead columns={["Name", "Token", "Created", "Last used"]} actions />
          <tbody>
            {tokens.data.map((t) => (
              <tr key={t.id}>
                <Td className="font-medium">{t.name}</Td>
                <Td>
                  <code className="font-mono text-[13px] text-zinc-600 dark:text-zinc-400">{t.prefix}…</code>
                </Td>
                <Td className="whitespace-nowrap text-zinc-600 dark:text-zinc-400">{dateTime.format(t.createdAt)}</Td>
                <Td className="whitespace-nowrap text-zinc-600 dark:text-zinc-400">{t.lastUsedAt ? dateTime.format(t.lastUsedAt) : "never"}</Td>
                <Td className="text-right">
                  <Button variant="ghost" size="sm" onClick={() => setRevoking({ id: t.id, name: t.name })} aria-label={`Revoke ${t.name}`}>
                    Revoke
                  </Button>
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}

      <ConfirmDialog
        open={!!revoking}
        onClose={() => {
          setRevoking(null);
          revoke.reset();
        }}
        onConfirm={onRevoke}
        title={`Revoke "${revoking?.name ?? ""}"?`}
        description="Scripts using this token stop working at once. This cannot be undone."
        confirmLabel="Revoke token"
        pending={revoke.isPending}
        error={revoke.error ? <Alert tone="error">{errorMessage(revoke.error)}</Alert> : null}
      />
    </section>
  );
}

function NewSecret({ name, token, onDone }: { name: string; token: string; onDone: () => void }) {
  return (
    <div
      role="region"
      aria-label="New token secret"
      className="mt-4 rounded-lg border border-amber-300 bg-amber-50 p-4 dark:border-amber-500/40 dark:bg-amber-500/10"
    >
      <p className="flex items-center gap-2 text-sm font-medium text-amber-900 dark:text-amber-200">
        <TriangleAlert className="size-4" aria-hidden />
        Copy the secret of &ldquo;{name}&rdquo; now. It will not be shown again.
      </p>
      <div className="mt-3 flex items-center gap-2">
        <CopyField label="Token secret" value={token} inputClassName="border-amber-300 dark:border-amber-500/40 dark:bg-zinc-950" />
        <Button variant="ghost" onClick={onDone}>
          Done
        </Button>
      </div>
    </div>
  );
}
