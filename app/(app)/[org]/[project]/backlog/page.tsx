import type { Metadata } from "next";
import { BacklogView } from "@/components/backlog/backlog-view";
import { can } from "@/server/auth/permissions";
import { getProjectPage } from "../../org-page";

type Params = { params: Promise<{ org: string; project: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { project } = await params;
  return { title: `Backlog · ${decodeURIComponent(project).toUpperCase()}` };
}

export default async function BacklogPage({ params }: Params) {
  const { org, project } = await params;
  const { ctx, project: p } = await getProjectPage(org, project);
  return <BacklogView org={ctx.org.slug} projectKey={p.key} canManage={can(ctx.roles, "sprint.manage")} canWrite={can(ctx.roles, "card.write")} />;
}
