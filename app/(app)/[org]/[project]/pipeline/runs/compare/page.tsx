import { Suspense } from "react";
import type { Metadata } from "next";
import { CompareView } from "@/components/runs/compare-view";
import { getProjectPage } from "../../../../org-page";

type Params = { params: Promise<{ org: string; project: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { project } = await params;
  return { title: `Compare runs · ${decodeURIComponent(project).toUpperCase()}` };
}

export default async function ComparePage({ params }: Params) {
  const { org, project } = await params;
  const { ctx, project: p } = await getProjectPage(org, project);
  return (
    <Suspense>
      <CompareView org={ctx.org.slug} projectKey={p.key} />
    </Suspense>
  );
}
