import type { ReactNode } from "react";
import { SettingsTabs } from "@/components/settings/settings-tabs";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/server/auth/permissions";
import { getOrgPage } from "../org-page";

export default async function SettingsLayout({ children, params }: { children: ReactNode; params: Promise<{ org: string }> }) {
  const { org } = await params;
  const { ctx } = await getOrgPage(org);
  return (
    <>
      <PageHeader title="Settings" description={`Organization settings for ${ctx.org.name}.`} />
      <SettingsTabs org={ctx.org.slug} showAudit={can(ctx.roles, "audit.read")} />
      {children}
    </>
  );
}
