import type { Metadata } from "next";
import { ReportsView } from "@/components/charts/reports-view";
import { getProjectPage } from "../../org-page";

type Params = { params: Promise<{ org: string; project: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { project } = await params;
  return { title: `Reports · ${decodeURIComponent(project).toUpperCase()}` };
}

export default async function ReportsPage({ params }: Params) {
  const { org, project } = await params;
  const { ctx, project: p } = await getProjectPage(org, project);
  return <ReportsView org={ctx.org.slug} projectKey={p.key} />;
}
