import { Suspense } from "react";
import type { Metadata } from "next";
import { RunsList } from "@/components/runs/runs-list";
import { getProjectPage } from "../../../org-page";

type Params = { params: Promise<{ org: string; project: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { project } = await params;
  return { title: `Runs · ${decodeURIComponent(project).toUpperCase()}` };
}

export default async function RunsPage({ params }: Params) {
  const { org, project } = await params;
  const { ctx, project: p } = await getProjectPage(org, project);
  return (
    <Suspense>
      <RunsList org={ctx.org.slug} projectKey={p.key} />
    </Suspense>
  );
}
