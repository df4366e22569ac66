import { redirect } from "next/navigation";
import { getProjectPage } from "../org-page";

export default async function ProjectPage({ params }: { params: Promise<{ org: string; project: string }> }) {
  const { org, project } = await params;
  const { ctx, project: p } = await getProjectPage(org, project);
  redirect(`/${ctx.org.slug}/${p.key}/board`);
}
