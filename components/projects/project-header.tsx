import Link from "next/link";
import { cn } from "@/components/ui/cn";
import { PROJECT_VIEWS } from "@/components/shell/types";

type View = (typeof PROJECT_VIEWS)[number]["segment"];

/** Project name, key and the Board / Backlog / Pipeline tabs. */
export function ProjectHeader({
  org,
  project,
  active,
}: {
  org: string;
  project: { key: string; name: string; description: string };
  active: View;
}) {
  return (
    <div className="mb-8">
      <div className="flex items-center gap-2.5">
        <span className="rounded-md bg-brand-50 px-1.5 py-0.5 font-mono text-xs font-semibold text-brand-700 ring-1 ring-brand-100 ring-inset dark:bg-brand-500/15 dark:text-brand-100 dark:ring-brand-500/30">
          {project.key}
        </span>
        <h1 className="text-xl font-semibold tracking-tight">{project.name}</h1>
      </div>
      {project.description ? <p className="mt-1.5 text-sm text-zinc-600 dark:text-zinc-400">{project.description}</p> : null}
      <nav aria-label={`${project.name} views`} className="mt-5 border-b border-zinc-200 dark:border-zinc-800">
        <ul className="-mb-px flex gap-5">
          {PROJECT_VIEWS.map((v) => (
            <li key={v.segment}>
              <Link
                href={`/${org}/${project.key}/${v.segment}`}
                aria-current={v.segment === active ? "page" : undefined}
                className={cn(
                  "inline-block border-b-2 px-0.5 pb-2.5 text-sm font-medium",
                  v.segment === active
                    ? "border-brand-600 text-zinc-900 dark:border-brand-500 dark:text-zinc-50"
                    : "border-transparent text-zinc-500 hover:border-zinc-300 hover:text-zinc-800 dark:text-zinc-400 dark:hover:border-zinc-600 dark:hover:text-zinc-200",
                )}
              >
                {v.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </div>
  );
}
