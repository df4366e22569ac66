import type { Metadata } from "next";
import { DatasetView } from "@/components/datasets/dataset-view";
import { can } from "@/server/auth/permissions";
import { getProjectPage } from "../../../../org-page";

type Params = { params: Promise<{ org: string; project: string; name: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { name } = await params;
  return { title: `Dataset ${decodeURIComponent(name)}` };
}

export default async function DatasetPage({ params }: Params) {
  const { org, project, name } = await params;
  const { ctx, project: p } = await getProjectPage(org, project);
  return <DatasetView org={ctx.org.slug} projectKey={p.key} name={decodeURIComponent(name)} canWrite={can(ctx.roles, "dataset.write")} />;
}
