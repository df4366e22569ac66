import type { Metadata } from "next";
import { RoleBadges } from "@/components/settings/role-badges";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { can } from "@/server/auth/permissions";
import { getOrgPage } from "../org-page";

export const metadata: Metadata = { title: "Settings" };

export default async function GeneralSettingsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const { ctx } = await getOrgPage(org);
  const rows = [
    { label: "Name", value: ctx.org.name },
    { label: "URL slug", value: <code className="font-mono text-[13px]">/{ctx.org.slug}</code> },
    { label: "Organization ID", value: <code className="font-mono text-[13px] text-zinc-500">{ctx.org.id}</code> },
    { label: "Your roles", value: <RoleBadges roles={ctx.roles} /> },
  ];
  return (
    <Card className="max-w-3xl">
      <CardHeader>
        <h2 className="text-sm font-semibold">General</h2>
        <p className="mt-0.5 text-sm text-zinc-600 dark:text-zinc-400">
          {can(ctx.roles, "org.update")
            ? "The organization's name and address. Renaming is not available yet."
            : "The organization's name and address. Only admins can change organization settings."}
        </p>
      </CardHeader>
      <CardBody className="py-0">
        <dl className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {rows.map((r) => (
            <div key={r.label} className="grid grid-cols-[12rem_1fr] items-center gap-4 py-3 text-sm">
              <dt className="text-zinc-500 dark:text-zinc-400">{r.label}</dt>
              <dd className="min-w-0">{r.value}</dd>
            </div>
          ))}
        </dl>
      </CardBody>
    </Card>
  );
}
