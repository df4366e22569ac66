import type { ReactNode } from "react";
import { connection } from "next/server";
import { VerifyEmailBanner } from "@/components/account/verify-email-banner";
import { AppShell } from "@/components/shell/app-shell";
import { emailStatus } from "@/server/services/auth/email-status";
import { getDb } from "@/server/services/database";
import { listMyOrgs } from "@/server/services/orgs/list-my-orgs";
import { listProjects } from "@/server/services/projects/list-projects";
import { getOrgPage } from "./org-page";

export default async function OrgLayout({ children, params }: { children: ReactNode; params: Promise<{ org: string }> }) {
  await connection();
  const { org: slug } = await params;
  const { user, ctx } = await getOrgPage(slug);
  const db = await getDb();
  const [orgs, projects, email] = await Promise.all([
    listMyOrgs({ ctx: { db, actor: { userId: user.id } } }),
    listProjects({ ctx }),
    emailStatus({ db, userId: user.id }),
  ]);
  return (
    <AppShell
      user={user}
      org={{ ...ctx.org, roles: ctx.roles }}
      orgs={orgs.map((o) => ({ slug: o.slug, name: o.name }))}
      projects={projects.map((p) => ({ key: p.key, name: p.name }))}
    >
      {email && !email.verified ? <VerifyEmailBanner email={email.email} /> : null}
      {children}
    </AppShell>
  );
}
