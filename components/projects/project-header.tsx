import { ProjectTabs } from "./project-tabs";

/** Project name, key and the Board / Backlog / Pipeline tabs; rendered once by the project layout. */
export function ProjectHeader({ org, project }: { org: string; project: { key: string; name: string; description: string } }) {
  return (
    <div className="mb-8">
      <div className="flex items-center gap-2.5">
        <span className="rounded-md bg-brand-50 px-1.5 py-0.5 font-mono text-xs font-semibold text-brand-700 ring-1 ring-brand-100 ring-inset dark:bg-brand-500/15 dark:text-brand-100 dark:ring-brand-500/30">
          {project.key}
        </span>
        <h1 className="text-xl font-semibold tracking-tight">{project.name}</h1>
      </div>
      {project.description ? <p className="mt-1.5 text-sm text-zinc-600 dark:text-zinc-400">{project.description}</p> : null}
      <ProjectTabs org={org} project={project} />
    </div>
  );
}
