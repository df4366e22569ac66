import { Suspense } from "react";
import type { Metadata } from "next";
import { Board } from "@/components/board/board";
import { BoardSkeleton } from "@/components/board/board-skeleton";
import { can } from "@/server/auth/permissions";
import { getProjectPage } from "../../org-page";

type Params = { params: Promise<{ org: string; project: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { project } = await params;
  return { title: `Board · ${decodeURIComponent(project).toUpperCase()}` };
}

export default async function BoardPage({ params }: Params) {
  const { org, project } = await params;
  const { user, ctx, project: p } = await getProjectPage(org, project);
  return (
    <Suspense fallback={<BoardSkeleton />}>
      <Board
        org={ctx.org.slug}
        projectKey={p.key}
        userId={user.id}
        canWrite={can(ctx.roles, "card.write")}
        canConfigure={can(ctx.roles, "board.configure")}
      />
    </Suspense>
  );
}
