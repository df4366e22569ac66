"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";
import { PROJECT_VIEWS } from "@/components/shell/types";

export function ProjectTabs({ org, project }: { org: string; project: { key: string; name: string } }) {
  const pathname = usePathname();
  return (
    <nav aria-label={`${project.name} views`} className="mt-5 border-b border-zinc-200 dark:border-zinc-800">
      <ul className="-mb-px flex gap-5">
        {PROJECT_VIEWS.map((v) => {
          const href = `/${org}/${project.key}/${v.segment}`;
          const active = pathname === href || pathname.startsWith(`${href}/`);
          return (
            <li key={v.segment}>
              <Link
                href={href}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "inline-block border-b-2 px-0.5 pb-2.5 text-sm font-medium",
                  active
                    ? "border-brand-600 text-zinc-900 dark:border-brand-500 dark:text-zinc-50"
                    : "border-transparent text-zinc-500 hover:border-zinc-300 hover:text-zinc-800 dark:text-zinc-400 dark:hover:border-zinc-600 dark:hover:text-zinc-200",
                )}
              >
                {v.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
