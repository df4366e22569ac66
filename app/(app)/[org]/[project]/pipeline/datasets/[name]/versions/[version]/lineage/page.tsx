import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { datasetHref } from "@/components/datasets/format";
import { LineageView } from "@/components/lineage/lineage-view";
import { getProjectPage } from "../../../../../../../org-page";

type Params = { params: Promise<{ org: string; project: string; name: string; version: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { name, version } = await params;
  return { title: `Lineage · ${decodeURIComponent(name)} v${version}` };
}

export default async function DatasetVersionLineagePage({ params }: Params) {
  const { org, project, name, version } = await params;
  if (!/^[1-9]\d{0,8}$/.test(version)) notFound();
  const { ctx, project: p } = await getProjectPage(org, project);
  const dataset = decodeURIComponent(name);
  return (
    <LineageView
      org={ctx.org.slug}
      projectKey={p.key}
      kind="dataset_version"
      name={dataset}
      version={Number(version)}
      back={{ href: `${datasetHref(ctx.org.slug, p.key, dataset)}/versions/${version}`, label: `${dataset} v${version}` }}
    />
  );
}
