import type { Metadata } from "next";
import Link from "next/link";
import { FolderKanban } from "lucide-react";
import { NewProjectButton } from "@/components/projects/new-project-dialog";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/server/auth/permissions";
import { listProjects } from "@/server/services/projects/list-projects";
import { getOrgPage } from "./org-page";

export const metadata: Metadata = { title: "Projects" };

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium" });

export default async function OrgHomePage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const { ctx } = await getOrgPage(org);
  const projects = await listProjects({ ctx });
  const mayCreate = can(ctx.roles, "project.create");

  return (
    <>
      <PageHeader
        title="Projects"
        description={`Every project in ${ctx.org.name} has a board, a backlog and an ML pipeline.`}
        actions={mayCreate ? <NewProjectButton org={ctx.org.slug} /> : null}
      />
      {projects.length === 0 ? (
        <EmptyState
          icon={FolderKanban}
          title="No projects yet"
        >
          {mayCreate
            ? "Create a project to get a board, a backlog and a pipeline for one ML problem, such as churn prediction."
            : "Nobody has created a project here yet. Admins and managers can create one."}
        </EmptyState>
      ) : (
        <ul className="grid grid-cols-1 gap-4 md:grid-cols-2 xl:grid-cols-3" aria-label="Projects">
          {projects.map((p) => (
            <li key={p.id}>
              <Card className="group relative flex h-full flex-col p-5 transition-colors hover:border-brand-500/60 focus-within:border-brand-500">
                <div className="flex items-center gap-2.5">
                  <span className="rounded-md bg-brand-50 px-1.5 py-0.5 font-mono text-xs font-semibold text-brand-700 ring-1 ring-brand-100 ring-inset dark:bg-brand-500/15 dark:text-brand-100 dark:ring-brand-500/30">
                    {p.key}
                  </span>
                  <h2 className="truncate text-[15px] font-semibold">
                    <Link href={`/${ctx.org.slug}/${p.key}/board`} className="after:absolute after:inset-0 focus-visible:outline-none after:rounded-lg">
                      {p.name}
                    </Link>
                  </h2>
                </div>
                <p className="mt-2 line-clamp-2 flex-1 text-sm text-zinc-600 dark:text-zinc-400">
                  {p.description || <span className="italic text-zinc-400 dark:text-zinc-500">No description</span>}
                </p>
                <p className="mt-4 text-xs text-zinc-500">Created {dateFormat.format(p.createdAt)}</p>
              </Card>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
