import type { ReactNode } from "react";
import type { Role } from "@/db/schema";
import { CommandPalette } from "@/components/command-palette";
import { ToastProvider } from "@/components/ui/toast";
import { Breadcrumbs } from "./breadcrumbs";
import { Sidebar } from "./sidebar";
import type { ShellOrg, ShellProject, ShellUser } from "./types";

export function AppShell({
  user,
  org,
  orgs,
  projects,
  children,
}: {
  user: ShellUser;
  org: ShellOrg & { roles: Role[] };
  orgs: ShellOrg[];
  projects: ShellProject[];
  children: ReactNode;
}) {
  return (
    <ToastProvider>
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-white px-3 py-2 text-sm shadow focus:not-sr-only focus:fixed focus:top-2 focus:left-2 dark:bg-zinc-900"
      >
        Skip to content
      </a>
      <div className="flex min-h-screen">
        <Sidebar user={user} org={org} orgs={orgs} projects={projects} />
        <div className="flex min-w-0 flex-1 flex-col">
          <header className="sticky top-0 z-30 flex h-14 shrink-0 items-center border-b border-zinc-200 bg-white/85 px-8 backdrop-blur dark:border-zinc-800 dark:bg-zinc-950/85">
            <Breadcrumbs org={org} projects={projects} />
          </header>
          <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-8 py-8 has-[[data-wide]]:max-w-none">
            {children}
          </main>
        </div>
      </div>
      <CommandPalette org={org.slug} projects={projects} />
    </ToastProvider>
  );
}
