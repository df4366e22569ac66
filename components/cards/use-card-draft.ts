import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc";
import type { CardDetail } from "@/components/board/types";
import type { CARD_ROLES, CARD_TYPES, PRIORITIES, STAGES } from "./card-meta";

/** The card as far as the editor needs it: its editable fields and the version they belong to. */
export type EditableCard = Pick<
  CardDetail,
  "title" | "description" | "type" | "stage" | "role" | "assigneeId" | "points" | "priority" | "labels" | "dueDate" | "version"
>;

/** The editable fields as the form holds them: strings, so an empty control reads "" rather than null. */
export interface CardFields {
  title: string;
  description: string;
  type: string;
  stage: string;
  role: string;
  assigneeId: string;
  points: string;
  priority: string;
  labels: string;
  dueDate: string;
}

/** An edit in progress and the card version it started from; null while the form follows the server. */
export type CardDraft = { fields: CardFields; version: number } | null;

export function fieldsOfCard(card: EditableCard): CardFields {
  return {
    title: card.title,
    description: card.description,
    type: card.type,
    stage: card.stage ?? "",
    role: card.role ?? "",
    assigneeId: card.assigneeId ?? "",
    points: card.points === null ? "" : String(card.points),
    priority: card.priority,
    labels: card.labels.join(", "),
    dueDate: card.dueDate ?? "",
  };
}

/** The form's strings as the API takes them: empty means null, labels are a comma-separated list. */
export function cardInput(fields: CardFields) {
  return {
    title: fields.title.trim(),
    description: fields.description,
    type: fields.type as (typeof CARD_TYPES)[number],
    stage: (fields.stage || null) as (typeof STAGES)[number] | null,
    role: (fields.role || null) as (typeof CARD_ROLES)[number] | null,
    assigneeId: fields.assigneeId || null,
    points: fields.points === "" ? null : Number(fields.points),
    priority: fields.priority as (typeof PRIORITIES)[number],
    labels: fields.labels
      .split(",")
      .map((l) => l.trim())
      .filter(Boolean),
    dueDate: fields.dueDate || null,
  };
}
export type CardInput = ReturnType<typeof cardInput>;

/** Only the fields whose value differs from the card as the server has it now. */
export function changedInput(fields: CardFields, card: EditableCard): Partial<CardInput> {
  const next = cardInput(fields);
  const base = cardInput(fieldsOfCard(card));
  const keys = Object.keys(next) as (keyof CardInput)[];
  return Object.fromEntries(keys.filter((k) => JSON.stringify(next[k]) !== JSON.stringify(base[k])).map((k) => [k, next[k]]));
}

/** Applies an edit; the first one starts the draft from the card and remembers the version it saw. */
export function editDraft(draft: CardDraft, card: EditableCard, patch: Partial<CardFields>): NonNullable<CardDraft> {
  return { fields: { ...(draft?.fields ?? fieldsOfCard(card)), ...patch }, version: draft?.version ?? card.version };
}

/**
 * What Save sends: the changed fields with the version the edit began at, so the server refuses it
 * (409) rather than overwrite someone else's change. Null when nothing changed.
 */
export function saveRequest(draft: NonNullable<CardDraft>, card: EditableCard): (Partial<CardInput> & { expectedVersion: number }) | null {
  const changed = changedInput(draft.fields, card);
  return Object.keys(changed).length === 0 ? null : { ...changed, expectedVersion: draft.version };
}

export function isConflict(error: { data?: { code?: string } | null } | null | undefined): boolean {
  return error?.data?.code === "CONFLICT";
}

/** Refreshes the card and the board after a change made from the panel. */
export function useInvalidateCard(org: string, projectKey: string, cardKey: string) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: trpc.cards.get.queryKey({ org, cardKey }) });
    void qc.invalidateQueries({ queryKey: trpc.board.get.queryKey({ org, key: projectKey }) });
  };
}

/**
 * The card editor's state. While nothing is edited the form shows the server copy (live updates);
 * after a conflict the user's edits stay on screen until they choose Reload, which takes the server's.
 */
export function useCardDraft({ org, projectKey, card, onReload }: { org: string; projectKey: string; card: CardDetail; onReload: () => Promise<unknown> }) {
  const trpc = useTRPC();
  const invalidate = useInvalidateCard(org, projectKey, card.key);
  const [draft, setDraft] = useState<CardDraft>(null);
  const update = useMutation(
    trpc.cards.update.mutationOptions({
      onSuccess: () => {
        setDraft(null);
        invalidate();
      },
    }),
  );
  const discard = () => {
    setDraft(null);
    update.reset();
  };
  return {
    fields: draft?.fields ?? fieldsOfCard(card),
    dirty: draft !== null,
    edit: (patch: Partial<CardFields>) => setDraft((d) => editDraft(d, card, patch)),
    save: () => {
      if (!draft) return;
      const request = saveRequest(draft, card);
      if (request) update.mutate({ org, cardKey: card.key, ...request });
      else setDraft(null);
    },
    discard,
    reload: () => void onReload().then(discard),
    saving: update.isPending,
    error: update.error,
    conflict: isConflict(update.error),
  };
}
