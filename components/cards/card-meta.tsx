import {
  Bug,
  CircleDot,
  Database,
  FlaskConical,
  Lightbulb,
  Rocket,
  SquareCheck,
  type LucideIcon,
  BookOpen,
  ChevronsUp,
  ChevronUp,
  ChevronDown,
  Equal,
  Minus,
} from "lucide-react";

export const CARD_TYPES = ["story", "task", "bug", "experiment", "data", "deploy", "spike"] as const;
export const CARD_ROLES = ["data_engineer", "data_scientist", "developer"] as const;
export const STAGES = ["data", "model", "deploy"] as const;
export const PRIORITIES = ["none", "low", "medium", "high", "urgent"] as const;

/** How a card type or priority shows: its name, icon and icon colour. */
export interface IconMeta {
  label: string;
  icon: LucideIcon;
  className: string;
}

/** A lookup that always answers: values the table doesn't know (older data) get the fallback. */
function metaLookup(table: Record<string, IconMeta>, fallback: (value: string) => IconMeta) {
  return (value: string): IconMeta => table[value] ?? fallback(value);
}

export const TYPE_META: Record<string, IconMeta> = {
  story: { label: "Story", icon: BookOpen, className: "text-emerald-600 dark:text-emerald-400" },
  task: { label: "Task", icon: SquareCheck, className: "text-sky-600 dark:text-sky-400" },
  bug: { label: "Bug", icon: Bug, className: "text-red-600 dark:text-red-400" },
  experiment: { label: "Experiment", icon: FlaskConical, className: "text-violet-600 dark:text-violet-400" },
  data: { label: "Data", icon: Database, className: "text-amber-600 dark:text-amber-400" },
  deploy: { label: "Deploy", icon: Rocket, className: "text-brand-600 dark:text-brand-500" },
  spike: { label: "Spike", icon: Lightbulb, className: "text-yellow-600 dark:text-yellow-400" },
};

export const typeMeta = metaLookup(TYPE_META, (type) => ({ label: type, icon: CircleDot, className: "text-zinc-500" }));

/** CD4ML roles: a colour each, used for the card's left edge and the lane headers. */
export const ROLE_META: Record<string, { label: string; plural: string; bar: string; dot: string }> = {
  data_engineer: { label: "Data engineer", plural: "Data engineers", bar: "bg-amber-500", dot: "bg-amber-500" },
  data_scientist: { label: "Data scientist", plural: "Data scientists", bar: "bg-violet-500", dot: "bg-violet-500" },
  developer: { label: "Developer", plural: "Developers", bar: "bg-sky-500", dot: "bg-sky-500" },
};

export function roleLabel(role: string | null) {
  return role ? (ROLE_META[role]?.label ?? role) : "No role";
}

export const STAGE_LABEL: Record<string, string> = { data: "Data", model: "Model", deploy: "Deploy" };

export const PRIORITY_META: Record<string, IconMeta> = {
  none: { label: "No priority", icon: Minus, className: "text-zinc-400" },
  low: { label: "Low", icon: ChevronDown, className: "text-zinc-500" },
  medium: { label: "Medium", icon: Equal, className: "text-amber-600 dark:text-amber-400" },
  high: { label: "High", icon: ChevronUp, className: "text-orange-600 dark:text-orange-400" },
  urgent: { label: "Urgent", icon: ChevronsUp, className: "text-red-600 dark:text-red-400" },
};

export const priorityMeta = metaLookup(PRIORITY_META, () => PRIORITY_META.none!);

const LABEL_TONES = [
  "bg-sky-50 text-sky-700 ring-sky-200 dark:bg-sky-500/10 dark:text-sky-300 dark:ring-sky-500/30",
  "bg-violet-50 text-violet-700 ring-violet-200 dark:bg-violet-500/10 dark:text-violet-300 dark:ring-violet-500/30",
  "bg-emerald-50 text-emerald-700 ring-emerald-200 dark:bg-emerald-500/10 dark:text-emerald-300 dark:ring-emerald-500/30",
  "bg-amber-50 text-amber-800 ring-amber-200 dark:bg-amber-500/10 dark:text-amber-300 dark:ring-amber-500/30",
  "bg-rose-50 text-rose-700 ring-rose-200 dark:bg-rose-500/10 dark:text-rose-300 dark:ring-rose-500/30",
  "bg-zinc-100 text-zinc-700 ring-zinc-200 dark:bg-zinc-800 dark:text-zinc-300 dark:ring-zinc-700",
];

/** A stable colour per label name, so "drift" looks the same on every card. */
export function labelTone(label: string) {
  let h = 0;
  for (const ch of label) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return LABEL_TONES[h % LABEL_TONES.length]!;
}
