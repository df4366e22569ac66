import { ArrowRightLeft, GitBranchPlus, PenLine, Tag, Trash2, type LucideIcon } from "lucide-react";
import { dateTime } from "./format";
import type { ModelHistoryEntry } from "./types";

function describe(e: ModelHistoryEntry): { icon: LucideIcon; text: string } {
  switch (e.kind) {
    case "alias_set":
      return e.fromVersion === null
        ? { icon: Tag, text: `@${e.alias} set on v${e.toVersion}` }
        : { icon: Tag, text: `@${e.alias} moved v${e.fromVersion} → v${e.toVersion}` };
    case "alias_deleted":
      return { icon: Trash2, text: `@${e.alias} removed from v${e.fromVersion}` };
    case "stage_changed":
      return { icon: ArrowRightLeft, text: `v${e.version} stage ${e.fromStage ?? "None"} → ${e.toStage}` };
    case "version_created":
      return { icon: GitBranchPlus, text: `v${e.version} registered` };
    case "version_deleted":
      return { icon: Trash2, text: `v${e.version} deleted` };
    default:
      return { icon: PenLine, text: `Renamed ${e.detail ?? ""}` };
  }
}

/** The model's history, newest first: alias moves from → to, stage changes, who and when. */
export function ModelHistory({ history }: { history: ModelHistoryEntry[] }) {
  if (history.length === 0) return <p className="text-sm text-zinc-500">Nothing has happened to this model yet.</p>;
  return (
    <ol className="relative space-y-3 border-l border-zinc-200 pl-5 dark:border-zinc-800" aria-label="Model history">
      {history.map((e, i) => {
        const { icon: Icon, text } = describe(e);
        return (
          <li key={i} className="relative text-sm">
            <span className="absolute top-0.5 -left-[29px] flex size-4.5 items-center justify-center rounded-full bg-white ring-1 ring-zinc-200 dark:bg-zinc-950 dark:ring-zinc-700">
              <Icon className="size-3 text-zinc-500" aria-hidden />
            </span>
            <span className="font-medium">{text}</span>
            <span className="ml-2 text-xs text-zinc-500">
              {e.actor ?? "someone"} · {dateTime.format(e.at)}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
