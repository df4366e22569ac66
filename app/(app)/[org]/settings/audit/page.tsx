import type { Metadata } from "next";
import { Lock } from "lucide-react";
import { AuditPanel } from "@/components/settings/audit-panel";
import { EmptyState } from "@/components/ui/empty-state";
import { can } from "@/server/auth/permissions";
import { getOrgPage } from "../../org-page";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const { ctx } = await getOrgPage(org);
  if (!can(ctx.roles, "audit.read")) {
    return (
      <EmptyState icon={Lock} title="Admins only">
        The audit log records sign-ins, membership changes, tokens and projects. Only admins of {ctx.org.name} can read it.
      </EmptyState>
    );
  }
  return <AuditPanel org={ctx.org.slug} />;
}
