import type { Metadata } from "next";
import { BillingPanel } from "@/components/billing/billing-panel";
import { JobsPanel } from "@/components/runners/jobs-panel";
import { RegistrationTokensPanel, RunnersPanel } from "@/components/runners/runners-panel";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/server/auth/permissions";
import { getOrgPage } from "../org-page";

export const metadata: Metadata = { title: "Runners" };

export default async function RunnersPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const { ctx } = await getOrgPage(org);
  const isAdmin = can(ctx.roles, "runner.manage");
  return (
    <>
      <PageHeader title="Runners" description={`CPU and GPU machines that execute jobs for ${ctx.org.name}.`} />
      <div className="space-y-8">
        <RunnersPanel org={ctx.org.slug} isAdmin={isAdmin} />
        <JobsPanel org={ctx.org.slug} canRun={can(ctx.roles, "job.run")} />
        {isAdmin ? <RegistrationTokensPanel org={ctx.org.slug} /> : null}
        <BillingPanel org={ctx.org.slug} isAdmin={isAdmin} />
      </div>
    </>
  );
}
