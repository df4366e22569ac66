import type { Metadata } from "next";
import { ListOrdered } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";
import { getProjectPage } from "../../org-page";

type Params = { params: Promise<{ org: string; project: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { project } = await params;
  return { title: `Backlog · ${decodeURIComponent(project).toUpperCase()}` };
}

export default async function BacklogPage({ params }: Params) {
  const { org, project } = await params;
  const { project: p } = await getProjectPage(org, project);
  return (
    <EmptyState icon={ListOrdered} title="The backlog will live here">
      A ranked backlog of {p.key} cards and sprint planning: drag work into the next sprint, set a goal and
      see its points against the team&apos;s velocity.
    </EmptyState>
  );
}
