import type { Metadata } from "next";
import { SquareKanban } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";
import { getProjectPage } from "../../org-page";

type Params = { params: Promise<{ org: string; project: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { project } = await params;
  return { title: `Board · ${decodeURIComponent(project).toUpperCase()}` };
}

export default async function BoardPage({ params }: Params) {
  const { org, project } = await params;
  const { project: p } = await getProjectPage(org, project);
  return (
    <EmptyState icon={SquareKanban} title="The board will live here">
      A Scrum or Kanban board for {p.key}, with swimlanes for the CD4ML roles (data engineering, data science,
      development) and cards that link to the dataset versions, runs and models they concern.
    </EmptyState>
  );
}
