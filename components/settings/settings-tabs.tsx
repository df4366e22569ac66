"use client";

import { NavTabs } from "@/components/shell/nav-tabs";

export function SettingsTabs({ org, showAudit }: { org: string; showAudit: boolean }) {
  const base = `/${org}/settings`;
  const tabs = [
    { href: base, label: "General" },
    { href: `${base}/members`, label: "Members" },
    { href: `${base}/tokens`, label: "API tokens" },
    { href: `${base}/account`, label: "Your account" },
    ...(showAudit ? [{ href: `${base}/audit`, label: "Audit log" }] : []),
  ];
  return <NavTabs label="Settings" tabs={tabs} className="mb-8" />;
}
