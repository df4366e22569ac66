import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/trpc/root";

type Out = inferRouterOutputs<AppRouter>;
export type ModelSummary = Out["models"]["list"][number];
export type ModelDetail = Out["models"]["get"];
export type ModelVersionRow = ModelDetail["versions"][number];
export type ModelHistoryEntry = ModelDetail["history"][number];
