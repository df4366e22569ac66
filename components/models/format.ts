import type { BadgeTone } from "@/components/ui/badge";

export const modelsBase = (org: string, key: string) => `/${org}/${key}/pipeline/models`;
export const modelHref = (org: string, key: string, name: string) => `${modelsBase(org, key)}/${encodeURIComponent(name)}`;
export const lineageHref = (org: string, key: string, name: string, version: number) => `${modelHref(org, key, name)}/versions/${version}/lineage`;

/** MODEL_STAGES of db/schema/registry, kept here so client bundles do not pull in drizzle. */
export const STAGES = ["None", "Staging", "Production", "Archived"] as const;
export const STAGE_TONE: Record<string, BadgeTone> = { None: "neutral", Staging: "amber", Production: "green", Archived: "neutral" };
export const shortDate = new Intl.DateTimeFormat("en", { month: "short", day: "numeric", hour: "numeric", minute: "2-digit" });
export const dateTime = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });

type Metric = { key: string; value: number };
/** The metrics worth a column: at most `n`, in the order the run reports them (alphabetical). */
export const keyMetrics = (metrics: Metric[] | undefined, n = 3) => (metrics ?? []).slice(0, n);
