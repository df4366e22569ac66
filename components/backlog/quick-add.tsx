"use client";

import { useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Plus } from "lucide-react";
import { errorMessage } from "@/components/forms/server-errors";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { useTRPC } from "@/lib/trpc";

/** Adds a card at the bottom of the backlog: a title and, optionally, its points. */
export function QuickAdd({ org, projectKey }: { org: string; projectKey: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const [title, setTitle] = useState("");
  const [points, setPoints] = useState("");
  const create = useMutation(
    trpc.cards.create.mutationOptions({
      onSuccess: (card) => {
        setTitle("");
        setPoints("");
        toast(`${card.key} added to the backlog`);
      },
      onError: (err) => toast(`Card not added: ${errorMessage(err)}`, { tone: "error" }),
      onSettled: () => qc.invalidateQueries({ queryKey: trpc.board.backlog.queryKey({ org, key: projectKey }) }),
    }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!title.trim()) return;
    create.mutate({ org, key: projectKey, title: title.trim(), points: points === "" ? null : Number(points) });
  };
  return (
    <form onSubmit={submit} className="flex items-center gap-2 border-t border-zinc-100 px-3 py-2 dark:border-zinc-800">
      <Plus className="size-4 shrink-0 text-zinc-400" aria-hidden />
      <div className="min-w-0 flex-1">
        <Input
          aria-label="New backlog card title"
          placeholder="Add a card to the backlog…"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          maxLength={500}
          className="h-8"
        />
      </div>
      <div className="w-20 shrink-0">
        <Input aria-label="Points" placeholder="Pts" type="number" min={0} max={1000} value={points} onChange={(e) => setPoints(e.target.value)} className="h-8" />
      </div>
      <Button type="submit" size="sm" loading={create.isPending} disabled={!title.trim()}>
        Add
      </Button>
    </form>
  );
}
