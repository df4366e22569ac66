"use client";

import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/input";
import { useTRPC } from "@/lib/trpc";
import type { CardDetail } from "@/components/board/types";
import { Markdown } from "./markdown";
import { useInvalidateCard } from "./use-card-draft";

/** The card's comments, oldest first, and (for writers) the form to add one. */
export function CardComments({ org, projectKey, card, canWrite }: { org: string; projectKey: string; card: CardDetail; canWrite: boolean }) {
  return (
    <section className="mt-8" aria-labelledby="card-comments-heading">
      <h3 id="card-comments-heading" className="mb-3 text-sm font-semibold">
        Comments <span className="font-normal text-zinc-500">{card.comments.length}</span>
      </h3>
      <ul className="space-y-3">
        {card.comments.map((c) => (
          <li key={c.id} className="rounded-lg border border-zinc-200 px-3 py-2 dark:border-zinc-800">
            <p className="mb-1 text-xs text-zinc-500">
              <span className="font-medium text-zinc-700 dark:text-zinc-300">{c.authorName ?? "Someone"}</span> · {new Date(c.createdAt).toLocaleString()}
            </p>
            <Markdown>{c.body}</Markdown>
          </li>
        ))}
      </ul>
      {canWrite ? <CommentForm org={org} projectKey={projectKey} cardKey={card.key} /> : null}
    </section>
  );
}

function CommentForm({ org, projectKey, cardKey }: { org: string; projectKey: string; cardKey: string }) {
  const trpc = useTRPC();
  const invalidate = useInvalidateCard(org, projectKey, cardKey);
  const [comment, setComment] = useState("");
  const addComment = useMutation(
    trpc.cards.comment.mutationOptions({
      onSuccess: () => {
        setComment("");
        invalidate();
      },
    }),
  );
  return (
    <form
      className="mt-3 space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        if (comment.trim()) addComment.mutate({ org, cardKey, body: comment });
      }}
    >
      <Textarea aria-label="New comment" rows={2} value={comment} onChange={(e) => setComment(e.target.value)} placeholder="Leave a comment (markdown)" />
      {addComment.error ? <Alert tone="error">{addComment.error.message}</Alert> : null}
      <div className="flex justify-end">
        <Button type="submit" size="sm" loading={addComment.isPending} disabled={!comment.trim()}>
          Comment
        </Button>
      </div>
    </form>
  );
}
