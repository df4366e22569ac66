import type { Metadata } from "next";
import { TokensPanel } from "@/components/settings/tokens-panel";
import { getOrgPage } from "../../org-page";

export const metadata: Metadata = { title: "API tokens" };

export default async function TokensPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const { ctx } = await getOrgPage(org);
  return <TokensPanel org={ctx.org.slug} orgName={ctx.org.name} />;
}
