import type { Metadata } from "next";
import { ModelView } from "@/components/models/model-view";
import { can } from "@/server/auth/permissions";
import { getProjectPage } from "../../../../org-page";

type Params = { params: Promise<{ org: string; project: string; name: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { project, name } = await params;
  return { title: `${decodeURIComponent(name)} · Models · ${decodeURIComponent(project).toUpperCase()}` };
}

export default async function ModelPage({ params }: Params) {
  const { org, project, name } = await params;
  const { ctx, project: p } = await getProjectPage(org, project);
  return <ModelView org={ctx.org.slug} projectKey={p.key} name={decodeURIComponent(name)} canWrite={can(ctx.roles, "model.write")} />;
}
