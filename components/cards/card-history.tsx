import { formatDistanceToNow } from "date-fns";
import { typeMeta, roleLabel, priorityMeta, STAGE_LABEL } from "./card-meta";
import type { CardDetail } from "@/components/board/types";

export interface HistoryNames {
  columns: Map<string, string>;
  sprints: Map<string, string>;
  users: Map<string, string>;
}

const FIELD_LABEL: Record<string, string> = {
  title: "title",
  description: "description",
  type: "type",
  stage: "stage",
  role: "role",
  assigneeId: "assignee",
  points: "points",
  priority: "priority",
  labels: "labels",
  dueDate: "due date",
  columnId: "status",
  sprintId: "sprint",
};

function show(field: string | null, v: unknown, names: HistoryNames): string {
  if (v === null || v === undefined || (Array.isArray(v) && v.length === 0)) {
    return field === "sprintId" ? "Backlog" : "none";
  }
  switch (field) {
    case "columnId":
      return names.columns.get(String(v)) ?? "another column";
    case "sprintId":
      return names.sprints.get(String(v)) ?? "a sprint";
    case "assigneeId":
      return names.users.get(String(v)) ?? "someone";
    case "type":
      return typeMeta(String(v)).label;
    case "role":
      return roleLabel(String(v));
    case "priority":
      return priorityMeta(String(v)).label;
    case "stage":
      return STAGE_LABEL[String(v)] ?? String(v);
    case "labels":
      return (v as string[]).join(", ");
    default:
      return String(v);
  }
}

function describe(h: CardDetail["history"][number], names: HistoryNames) {
  if (h.kind === "created") {
    const to = (h.to ?? {}) as { columnId?: string };
    return <>created the card{to.columnId ? <> in <b className="font-medium">{show("columnId", to.columnId, names)}</b></> : null}</>;
  }
  if (h.kind === "commented") return <>commented</>;
  const field = h.field ?? "";
  if (field === "rank") return <>reordered the card</>;
  if (field === "description") return <>edited the description</>;
  return (
    <>
      changed the {FIELD_LABEL[field] ?? field} from <b className="font-medium">{show(field, h.from, names)}</b> to{" "}
      <b className="font-medium">{show(field, h.to, names)}</b>
    </>
  );
}

/** Who changed what, from → to, and when; newest first. */
export function CardHistory({ history, names }: { history: CardDetail["history"]; names: HistoryNames }) {
  if (history.length === 0) return <p className="text-sm text-zinc-500">No history yet.</p>;
  return (
    <ol className="space-y-2.5" aria-label="History">
      {[...history].reverse().map((h) => (
        <li key={h.id} className="flex gap-2.5 text-[13px] text-zinc-600 dark:text-zinc-400">
          <span aria-hidden className="mt-1.5 size-1.5 shrink-0 rounded-full bg-zinc-300 dark:bg-zinc-600" />
          <p className="min-w-0">
            <span className="font-medium text-zinc-800 dark:text-zinc-200">{h.actorName ?? "Someone"}</span> {describe(h, names)}
            <time dateTime={new Date(h.at).toISOString()} title={new Date(h.at).toLocaleString()} className="ml-1.5 text-zinc-400 dark:text-zinc-500">
              {formatDistanceToNow(new Date(h.at), { addSuffix: true })}
            </time>
          </p>
        </li>
      ))}
    </ol>
  );
}
