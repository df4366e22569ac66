"use client";

import { useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Cpu, KeyRound } from "lucide-react";
import { errorMessage } from "@/components/forms/server-errors";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/spinner";
import { Table, TableHead, Td } from "@/components/ui/table";
import { useTRPC } from "@/lib/trpc";

const ago = (d: Date) => {
  const s = Math.max(0, Math.round((Date.now() - d.getTime()) / 1000));
  return s < 60 ? `${s} s ago` : s < 3600 ? `${Math.round(s / 60)} min ago` : `${Math.round(s / 3600)} h ago`;
};
const gib = (bytes: number) => `${(bytes / 2 ** 30).toFixed(0)} GiB`;

export function RunnersPanel({ org, isAdmin }: { org: string; isAdmin: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const runners = useQuery({ ...trpc.runners.list.queryOptions({ org }), refetchInterval: 5000 });
  const drain = useMutation(trpc.runners.drain.mutationOptions());
  const remove = useMutation(trpc.runners.remove.mutationOptions());
  const [removing, setRemoving] = useState<{ id: string; name: string } | null>(null);
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.runners.list.queryKey({ org }) });

  if (runners.isPending) return <Skeleton className="h-32" />;
  if (runners.isError) return <Alert tone="error">{errorMessage(runners.error)}</Alert>;
  return (
    <section aria-labelledby="runners-heading" className="space-y-3">
      <h2 id="runners-heading" className="text-base font-semibold">
        Runners
      </h2>
      {runners.data.length === 0 ? (
        <EmptyState icon={Cpu} title="No runners attached">
          Start one on any machine with <code className="font-mono text-[13px]">npm run runner -- --url URL --token rbr_…</code>
        </EmptyState>
      ) : (
        <Table aria-label="Runners">
          <TableHead columns={["Runner", "State", "Labels", "Resources", "GPUs", "Running"]} actions={isAdmin} />
          <tbody>
            {runners.data.map((r) => (
              <tr key={r.id}>
                <Td className="font-medium">{r.name}</Td>
                <Td className="whitespace-nowrap">
                  <Badge tone={r.online ? "green" : "neutral"}>{r.online ? "online" : "offline"}</Badge>{" "}
                  {r.status === "draining" ? <Badge tone="amber">draining</Badge> : null}
                  <div className="text-xs text-zinc-500">seen {ago(r.lastSeenAt)}</div>
                </Td>
                <Td>{r.labels.length ? r.labels.map((l) => <Badge key={l} tone="sky" className="mr-1">{l}</Badge>) : <span className="text-zinc-500">none</span>}</Td>
                <Td className="whitespace-nowrap text-sm">
                  {r.resources.cpus} CPUs · {gib(r.resources.memoryBytes)}
                </Td>
                <Td className="text-sm">
                  {r.resources.gpus.length === 0 ? (
                    <span className="text-zinc-500">CPU-only</span>
                  ) : (
                    <ul>
                      {r.resources.gpus.map((g) => (
                        <li key={g.index} className="whitespace-nowrap">
                          {g.index}: {g.name} ({Math.round(g.memoryMb / 1024)} GiB) — {g.utilization ?? "?"}%{g.powerW !== null ? `, ${Math.round(g.powerW)} W` : ""}
                        </li>
                      ))}
                    </ul>
                  )}
                </Td>
                <Td className="text-sm">
                  {r.jobs.length === 0 ? <span className="text-zinc-500">idle</span> : r.jobs.map((j) => <div key={j.id} className="font-mono text-xs">{j.project} · {j.id.slice(0, 8)}{j.gpus ? ` · ${j.gpus} GPU` : ""}</div>)}
                </Td>
                {isAdmin ? (
                  <Td className="whitespace-nowrap text-right">
                    <Button size="sm" loading={drain.isPending && drain.variables?.runnerId === r.id} onClick={() => drain.mutateAsync({ org, runnerId: r.id, drain: r.status !== "draining" }).then(invalidate, () => undefined)}>
                      {r.status === "draining" ? "Resume" : "Drain"}
                    </Button>{" "}
                    <Button size="sm" variant="danger" onClick={() => setRemoving({ id: r.id, name: r.name })}>
                      Remove
                    </Button>
                  </Td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <ConfirmDialog
        open={!!removing}
        title={`Remove runner "${removing?.name}"?`}
        confirmLabel="Remove runner"
        pending={remove.isPending}
        onClose={() => setRemoving(null)}
        description="Its token stops working at once; jobs it is running go back to the queue when their leases expire."
        onConfirm={() => {
          if (!removing) return;
          void remove.mutateAsync({ org, runnerId: removing.id }).then(() => (setRemoving(null), invalidate()), () => undefined);
        }}
      />
    </section>
  );
}

export function RegistrationTokensPanel({ org }: { org: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const tokens = useQuery(trpc.runners.registrationTokens.queryOptions({ org }));
  const create = useMutation(trpc.runners.createRegistrationToken.mutationOptions());
  const revoke = useMutation(trpc.runners.revokeRegistrationToken.mutationOptions());
  const [name, setName] = useState("");
  const [secret, setSecret] = useState<string | null>(null);
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.runners.registrationTokens.queryKey({ org }) });

  async function onCreate(e: FormEvent) {
    e.preventDefault();
    const created = await create.mutateAsync({ org, name }).catch(() => null);
    if (!created) return;
    setSecret(created.token);
    setName("");
    await invalidate();
  }

  return (
    <section aria-labelledby="reg-heading" className="space-y-3">
      <h2 id="reg-heading" className="text-base font-semibold">
        Registration tokens
      </h2>
      <Card>
        <CardBody>
          <form onSubmit={onCreate} className="flex items-end gap-3" noValidate>
            <Field id="reg-name" label="New registration token" className="max-w-sm flex-1">
              <Input id="reg-name" placeholder="e.g. lab GPU boxes" value={name} onChange={(e) => setName(e.target.value)} />
            </Field>
            <Button type="submit" variant="primary" loading={create.isPending}>
              <KeyRound className="size-4" aria-hidden />
              Create token
            </Button>
          </form>
          {create.error ? <Alert tone="error" className="mt-3">{errorMessage(create.error)}</Alert> : null}
          {secret ? (
            <Alert tone="success" className="mt-3">
              Copy it now; it is not shown again: <code className="break-all font-mono text-[13px]">{secret}</code>
              <div className="mt-1 font-mono text-[13px]">npm run runner -- --url {typeof window === "undefined" ? "URL" : window.location.origin} --token {secret}</div>
            </Alert>
          ) : null}
        </CardBody>
      </Card>
      {tokens.data?.length ? (
        <Table aria-label="Registration tokens">
          <TableHead columns={["Name", "Token", "State"]} actions />
          <tbody>
            {tokens.data.map((t) => (
              <tr key={t.id}>
                <Td className="font-medium">{t.name}</Td>
                <Td><code className="font-mono text-[13px]">{t.prefix}…</code></Td>
                <Td>{t.revokedAt ? <Badge tone="neutral">revoked</Badge> : <Badge tone="green">active</Badge>}</Td>
                <Td className="text-right">
                  {t.revokedAt ? null : (
                    <Button size="sm" variant="danger" onClick={() => revoke.mutateAsync({ org, tokenId: t.id }).then(invalidate, () => undefined)}>
                      Revoke
                    </Button>
                  )}
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : null}
    </section>
  );
}
