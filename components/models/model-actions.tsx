"use client";

import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Tag } from "lucide-react";
import { errorMessage } from "@/components/forms/server-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogFormActions } from "@/components/ui/dialog";
import { Input, Textarea } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { useTRPC } from "@/lib/trpc";

export function useModelMutations(org: string, projectKey: string, name: string) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const onSuccess = () => qc.invalidateQueries({ queryKey: trpc.models.pathKey() });
  return {
    setAlias: useMutation(trpc.models.setAlias.mutationOptions({ onSuccess })),
    deleteAlias: useMutation(trpc.models.deleteAlias.mutationOptions({ onSuccess })),
    transition: useMutation(trpc.models.transitionStage.mutationOptions({ onSuccess })),
    update: useMutation(trpc.models.update.mutationOptions({ onSuccess })),
    ref: { org, key: projectKey, name },
  };
}

/** Points an alias (new or existing: then it moves, and the history records from → to) at a version. */
export function SetAliasButton({ org, projectKey, name, versions, aliases }: { org: string; projectKey: string; name: string; versions: number[]; aliases: string[] }) {
  const [open, setOpen] = useState(false);
  const [alias, setAlias] = useState("");
  const [version, setVersion] = useState(String(versions[0] ?? ""));
  const m = useModelMutations(org, projectKey, name);
  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const ok = await m.setAlias.mutateAsync({ ...m.ref, alias: alias.trim(), version: Number(version) }).catch(() => null);
    if (ok !== null) setOpen(false);
  }
  return (
    <>
      <Button size="sm" onClick={() => (setOpen(true), m.setAlias.reset())}>
        <Tag className="size-4" aria-hidden />
        Set alias
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title="Set an alias" description="An alias names one version; setting an existing alias moves it.">
        <form onSubmit={submit} className="space-y-4">
          <label className="block text-sm font-medium">
            Alias
            <Input className="mt-1" list="model-aliases" value={alias} onChange={(e) => setAlias(e.target.value)} placeholder="champion" required />
            <datalist id="model-aliases">
              {[...new Set([...aliases, "champion", "challenger", "staging"])].map((a) => (
                <option key={a} value={a} />
              ))}
            </datalist>
          </label>
          <label className="block text-sm font-medium">
            Version
            <Select className="mt-1" value={version} onChange={(e) => setVersion(e.target.value)}>
              {versions.map((v) => (
                <option key={v} value={v}>
                  v{v}
                </option>
              ))}
            </Select>
          </label>
          {m.setAlias.error ? <Alert tone="error">{errorMessage(m.setAlias.error)}</Alert> : null}
          <DialogFormActions onCancel={() => setOpen(false)} submitLabel="Set alias" pending={m.setAlias.isPending} />
        </form>
      </Dialog>
    </>
  );
}

export function DescriptionEditor({ org, projectKey, name, description, canWrite }: { org: string; projectKey: string; name: string; description: string; canWrite: boolean }) {
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(description);
  const m = useModelMutations(org, projectKey, name);
  if (!editing) {
    return (
      <div className="mt-1 flex items-start gap-2">
        <p className="text-sm whitespace-pre-line text-zinc-600 dark:text-zinc-400">{description || <span className="text-zinc-400">No description.</span>}</p>
        {canWrite ? (
          <Button size="sm" variant="ghost" className="-mt-1.5" onClick={() => (setText(description), setEditing(true))}>
            Edit
          </Button>
        ) : null}
      </div>
    );
  }
  return (
    <form
      className="mt-2 max-w-2xl space-y-2"
      onSubmit={async (e) => {
        e.preventDefault();
        const ok = await m.update.mutateAsync({ ...m.ref, description: text }).then(() => true, () => false);
        if (ok) setEditing(false);
      }}
    >
      <Textarea aria-label="Description" value={text} onChange={(e) => setText(e.target.value)} autoFocus />
      {m.update.error ? <Alert tone="error">{errorMessage(m.update.error)}</Alert> : null}
      <div className="flex gap-2">
        <Button type="submit" size="sm" variant="primary" loading={m.update.isPending}>
          Save
        </Button>
        <Button size="sm" onClick={() => setEditing(false)}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
