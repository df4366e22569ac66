import type { ReactNode } from "react";
import { ProjectHeader } from "@/components/projects/project-header";
import { getProjectPage } from "../org-page";

/** Resolves the project before any streaming starts, so an unknown key answers a real 404. */
export default async function ProjectLayout({ children, params }: { children: ReactNode; params: Promise<{ org: string; project: string }> }) {
  const { org, project } = await params;
  const { ctx, project: p } = await getProjectPage(org, project);
  return (
    <>
      <ProjectHeader org={ctx.org.slug} project={p} />
      {children}
    </>
  );
}
