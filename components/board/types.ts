import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/trpc/root";

type Out = inferRouterOutputs<AppRouter>;
export type BoardData = Out["board"]["get"];
export type BoardColumn = BoardData["columns"][number];
export type BoardCard = BoardColumn["cards"][number];
export type CardDetail = Out["cards"]["get"];
export type Member = Out["members"]["list"][number];

export type Swimlanes = "none" | "role" | "assignee";

export interface BoardFilters {
  q: string;
  assignee: string;
  role: string;
  type: string;
  label: string;
  mine: boolean;
  lanes: Swimlanes;
}
