import type { Metadata } from "next";
import { DatasetsSection } from "@/components/datasets/datasets-section";
import { ModelsSection } from "@/components/models/models-section";
import { RunsSection } from "@/components/runs/runs-section";
import { can } from "@/server/auth/permissions";
import { getProjectPage } from "../../org-page";

type Params = { params: Promise<{ org: string; project: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { project } = await params;
  return { title: `Pipeline · ${decodeURIComponent(project).toUpperCase()}` };
}

/** The pipeline hub: one section per stage. Datasets, runs and models. */
export default async function PipelinePage({ params }: Params) {
  const { org, project } = await params;
  const { ctx, project: p } = await getProjectPage(org, project);
  return (
    <div className="space-y-10">
      <DatasetsSection org={ctx.org.slug} projectKey={p.key} canWrite={can(ctx.roles, "dataset.write")} />
      <RunsSection org={ctx.org.slug} projectKey={p.key} />
      <ModelsSection org={ctx.org.slug} projectKey={p.key} />
    </div>
  );
}
