import type { Metadata } from "next";
import { RunView } from "@/components/runs/run-view";
import { getProjectPage } from "../../../../org-page";

type Params = { params: Promise<{ org: string; project: string; runId: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { project, runId } = await params;
  return { title: `Run ${runId.slice(0, 8)} · ${decodeURIComponent(project).toUpperCase()}` };
}

export default async function RunPage({ params }: Params) {
  const { org, project, runId } = await params;
  const { ctx, project: p } = await getProjectPage(org, project);
  return <RunView org={ctx.org.slug} projectKey={p.key} runId={runId} />;
}
