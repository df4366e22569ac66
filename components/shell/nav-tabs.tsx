"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";

export interface NavTab {
  href: string;
  label: string;
  /** Also active on the pages below `href` (a project view's detail pages). */
  nested?: boolean;
}

/** Underlined page tabs; the current one is marked with aria-current="page". */
export function NavTabs({ label, tabs, className }: { label: string; tabs: NavTab[]; className?: string }) {
  const pathname = usePathname();
  return (
    <nav aria-label={label} className={cn(className, "border-b border-zinc-200 dark:border-zinc-800")}>
      <ul className="-mb-px flex gap-5">
        {tabs.map((t) => {
          const active = pathname === t.href || (!!t.nested && pathname.startsWith(`${t.href}/`));
          return (
            <li key={t.href}>
              <Link
                href={t.href}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "inline-block border-b-2 px-0.5 pb-2.5 text-sm font-medium",
                  active
                    ? "border-brand-600 text-zinc-900 dark:border-brand-500 dark:text-zinc-50"
                    : "border-transparent text-zinc-500 hover:border-zinc-300 hover:text-zinc-800 dark:text-zinc-400 dark:hover:border-zinc-600 dark:hover:text-zinc-200",
                )}
              >
                {t.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
