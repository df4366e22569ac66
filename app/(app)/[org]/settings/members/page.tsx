import type { Metadata } from "next";
import { MembersPanel } from "@/components/settings/members-panel";
import { can, grantableRoles } from "@/server/auth/permissions";
import { getOrgPage } from "../../org-page";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const { user, ctx } = await getOrgPage(org);
  return (
    <MembersPanel
      org={ctx.org.slug}
      currentUserId={user.id}
      canManage={can(ctx.roles, "member.manage")}
      isAdmin={ctx.roles.includes("admin")}
      grantable={grantableRoles(ctx.roles)}
    />
  );
}
