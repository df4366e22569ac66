import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/trpc/root";

export type ChartsData = inferRouterOutputs<AppRouter>["board"]["charts"];
export type BurndownData = NonNullable<ChartsData["burndown"]>;
