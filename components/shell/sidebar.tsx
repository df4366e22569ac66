"use client";

import { useState } from "react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { ChevronRight, Cpu, House, Settings } from "lucide-react";
import { cn } from "@/components/ui/cn";
import { OrgSwitcher } from "./org-switcher";
import { UserMenu } from "./user-menu";
import { PROJECT_VIEWS, type ShellOrg, type ShellProject, type ShellUser } from "./types";

const navItem =
  "flex h-8 items-center gap-2.5 rounded-md px-2.5 text-sm text-zinc-700 hover:bg-zinc-200/60 hover:text-zinc-900 dark:text-zinc-300 dark:hover:bg-zinc-800 dark:hover:text-zinc-100";
const navActive = "bg-zinc-200/80 font-medium text-zinc-900 dark:bg-zinc-800 dark:text-zinc-50";

export function Sidebar({
  user,
  org,
  orgs,
  projects,
}: {
  user: ShellUser;
  org: ShellOrg;
  orgs: ShellOrg[];
  projects: ShellProject[];
}) {
  const pathname = usePathname();
  const base = `/${org.slug}`;
  const isActive = (href: string, exact = false) => (exact ? pathname === href : pathname === href || pathname.startsWith(`${href}/`));

  return (
    <aside className="sticky top-0 flex h-screen w-64 shrink-0 flex-col border-r border-zinc-200 bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-900/40">
      <div className="border-b border-zinc-200 p-2 dark:border-zinc-800">
        <OrgSwitcher current={org} orgs={orgs} />
      </div>
      <nav aria-label="Main" className="flex-1 overflow-y-auto p-2">
        <ul className="space-y-0.5">
          <li>
            <Link href={base} className={cn(navItem, isActive(base, true) && navActive)} aria-current={isActive(base, true) ? "page" : undefined}>
              <House className="size-4 shrink-0" aria-hidden />
              Home
            </Link>
          </li>
        </ul>
        <h2 className="mt-5 mb-1 px-2.5 text-xs font-medium text-zinc-500 dark:text-zinc-400">Projects</h2>
        {projects.length === 0 ? (
          <p className="px-2.5 py-1 text-[13px] text-zinc-500">No projects yet</p>
        ) : (
          <ul className="space-y-0.5" aria-label="Projects">
            {projects.map((p) => (
              <ProjectNav key={p.key} base={base} project={p} pathname={pathname} />
            ))}
          </ul>
        )}
        <h2 className="mt-5 mb-1 px-2.5 text-xs font-medium text-zinc-500 dark:text-zinc-400">Organization</h2>
        <ul className="space-y-0.5">
          <li>
            <Link href={`${base}/runners`} className={cn(navItem, isActive(`${base}/runners`) && navActive)} aria-current={isActive(`${base}/runners`) ? "page" : undefined}>
              <Cpu className="size-4 shrink-0" aria-hidden />
              Runners
            </Link>
          </li>
          <li>
            <Link href={`${base}/settings`} className={cn(navItem, isActive(`${base}/settings`) && navActive)} aria-current={isActive(`${base}/settings`) ? "page" : undefined}>
              <Settings className="size-4 shrink-0" aria-hidden />
              Settings
            </Link>
          </li>
        </ul>
      </nav>
      <div className="border-t border-zinc-200 p-2 dark:border-zinc-800">
        <UserMenu user={user} />
      </div>
    </aside>
  );
}

function ProjectNav({ base, project, pathname }: { base: string; project: ShellProject; pathname: string }) {
  const href = `${base}/${project.key}`;
  const inProject = pathname === href || pathname.startsWith(`${href}/`);
  const [open, setOpen] = useState(inProject);
  const expanded = open || inProject;
  const listId = `project-${project.key}-views`;
  return (
    <li>
      <button
        type="button"
        aria-expanded={expanded}
        aria-controls={listId}
        onClick={() => setOpen(!expanded)}
        className={cn(navItem, "w-full", inProject && "text-zinc-900 dark:text-zinc-50")}
      >
        <ChevronRight className={cn("size-3.5 shrink-0 text-zinc-400 transition-transform", expanded && "rotate-90")} aria-hidden />
        <span className="rounded bg-zinc-200 px-1 font-mono text-[10px] font-semibold text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300">
          {project.key}
        </span>
        <span className="truncate">{project.name}</span>
      </button>
      {expanded ? (
        <ul id={listId} className="mt-0.5 mb-1 ml-[19px] space-y-0.5 border-l border-zinc-200 pl-2 dark:border-zinc-800">
          {PROJECT_VIEWS.map((v) => {
            const viewHref = `${href}/${v.segment}`;
            const active = pathname === viewHref || pathname.startsWith(`${viewHref}/`);
            return (
              <li key={v.segment}>
                <Link href={viewHref} className={cn(navItem, "h-7", active && navActive)} aria-current={active ? "page" : undefined}>
                  {v.label}
                  <span className="sr-only"> of {project.name}</span>
                </Link>
              </li>
            );
          })}
        </ul>
      ) : null}
    </li>
  );
}
