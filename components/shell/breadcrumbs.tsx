"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { ChevronRight } from "lucide-react";
import { PROJECT_VIEWS, type ShellOrg, type ShellProject } from "./types";

const SECTIONS: Record<string, string> = {
  runners: "Runners",
  settings: "Settings",
  members: "Members",
  tokens: "API tokens",
  account: "Your account",
  audit: "Audit log",
};

interface Crumb {
  label: string;
  href: string;
}

function crumbsFor(pathname: string, org: ShellOrg, projects: ShellProject[]): Crumb[] {
  const [, , ...rest] = pathname.split("/");
  const crumbs: Crumb[] = [{ label: org.name, href: `/${org.slug}` }];
  let href = `/${org.slug}`;
  rest.filter(Boolean).forEach((seg, i) => {
    href += `/${seg}`;
    const project = i === 0 ? projects.find((p) => p.key === decodeURIComponent(seg).toUpperCase()) : undefined;
    const view = PROJECT_VIEWS.find((v) => v.segment === seg);
    const label = project?.name ?? view?.label ?? SECTIONS[seg] ?? (i === 0 ? decodeURIComponent(seg) : null);
    if (label) crumbs.push({ label, href: project ? `${href}/board` : href });
  });
  return crumbs;
}

export function Breadcrumbs({ org, projects }: { org: ShellOrg; projects: ShellProject[] }) {
  const crumbs = crumbsFor(usePathname(), org, projects);
  return (
    <nav aria-label="Breadcrumb" className="min-w-0">
      <ol className="flex items-center gap-1.5 text-sm">
        {crumbs.map((c, i) => {
          const last = i === crumbs.length - 1;
          return (
            <li key={i} className="flex min-w-0 items-center gap-1.5">
              {i > 0 ? <ChevronRight className="size-3.5 shrink-0 text-zinc-400" aria-hidden /> : null}
              {last ? (
                <span aria-current="page" className="truncate font-medium text-zinc-900 dark:text-zinc-100">
                  {c.label}
                </span>
              ) : (
                <Link href={c.href} className="truncate text-zinc-500 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100">
                  {c.label}
                </Link>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
