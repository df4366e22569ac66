import type { Metadata } from "next";
import { Workflow } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";
import { getProjectPage } from "../../org-page";

type Params = { params: Promise<{ org: string; project: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { project } = await params;
  return { title: `Pipeline · ${decodeURIComponent(project).toUpperCase()}` };
}

export default async function PipelinePage({ params }: Params) {
  const { org, project } = await params;
  const { project: p } = await getProjectPage(org, project);
  return (
    <EmptyState icon={Workflow} title="The ML pipeline will live here">
        Datasets and their versions, training runs with their metrics, registered models and the lineage that
      joins them, from raw data to the deployed model, for {p.key}.
    </EmptyState>
  );
}
