import type { Metadata } from "next";
import { ModelsList } from "@/components/models/models-list";
import { getProjectPage } from "../../../org-page";

type Params = { params: Promise<{ org: string; project: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { project } = await params;
  return { title: `Models · ${decodeURIComponent(project).toUpperCase()}` };
}

export default async function ModelsPage({ params }: Params) {
  const { org, project } = await params;
  const { ctx, project: p } = await getProjectPage(org, project);
  return <ModelsList org={ctx.org.slug} projectKey={p.key} />;
}
