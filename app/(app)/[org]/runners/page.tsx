import type { Metadata } from "next";
import { Cpu } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { getOrgPage } from "../org-page";

export const metadata: Metadata = { title: "Runners" };

export default async function RunnersPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const { ctx } = await getOrgPage(org);
  return (
    <>
      <PageHeader title="Runners" description={`CPU and GPU machines that execute jobs for ${ctx.org.name}.`} />
      <EmptyState icon={Cpu} title="No runners attached">
        Attached CPU and GPU runners will be listed here with their labels, resources and last heartbeat, along
        with the jobs they are running and have run. Start one on any machine with{" "}
        <code className="rounded bg-zinc-100 px-1 py-0.5 font-mono text-[13px] dark:bg-zinc-800">npm run runner</code>.
      </EmptyState>
    </>
  );
}
