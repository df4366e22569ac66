"use client";

import { NavTabs } from "@/components/shell/nav-tabs";
import { PROJECT_VIEWS } from "@/components/shell/types";

export function ProjectTabs({ org, project }: { org: string; project: { key: string; name: string } }) {
  const tabs = PROJECT_VIEWS.map((v) => ({ href: `/${org}/${project.key}/${v.segment}`, label: v.label, nested: true }));
  return <NavTabs label={`${project.name} views`} tabs={tabs} className="mt-5" />;
}
