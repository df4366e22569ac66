import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { VersionView } from "@/components/datasets/version-view";
import { can } from "@/server/auth/permissions";
import { getProjectPage } from "../../../../../../org-page";

type Params = { params: Promise<{ org: string; project: string; name: string; version: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { name, version } = await params;
  return { title: `${decodeURIComponent(name)} v${version}` };
}

export default async function DatasetVersionPage({ params }: Params) {
  const { org, project, name, version } = await params;
  if (!/^[1-9]\d{0,8}$/.test(version)) notFound();
  const { ctx, project: p } = await getProjectPage(org, project);
  return (
    <VersionView
      org={ctx.org.slug}
      projectKey={p.key}
      name={decodeURIComponent(name)}
      version={Number(version)}
      canMarkReady={can(ctx.roles, "dataset.mark_ready")}
    />
  );
}
