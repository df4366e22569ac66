import { and, asc, eq } from "drizzle-orm";
import { datasets, projects, users } from "@/db/schema";
import { assertCan } from "@/server/auth/permissions";
import type { OrgContext } from "../context";
import { projectScope } from "../projects/project-scope";
import { toDatasetOut } from "./internal";
import type { ProjectRef } from "./schemas";
import type { z } from "zod";

export async function listDatasets({ ctx, input }: { ctx: OrgContext; input: z.infer<typeof ProjectRef> }) {
  assertCan(ctx.roles, "dataset.read");
  const { project } = await projectScope(ctx, input.key, "project.read");
  const rows = await ctx.db
    .select({ d: datasets, createdBy: { id: users.id, name: users.name } })
    .from(datasets)
    .innerJoin(projects, eq(projects.id, datasets.projectId))
    .leftJoin(users, eq(users.id, datasets.createdBy))
    .where(and(eq(datasets.orgId, ctx.org.id), eq(datasets.projectId, project.id)))
    .orderBy(asc(datasets.name));
  return rows.map((r) => toDatasetOut(ctx, project.key, r.d, versionInfo(r.d, r.createdBy)));
}

export function versionInfo(d: { versionSeq: number }, createdBy: { id: string | null; name: string | null } | null) {
  return { versionCount: d.versionSeq, latestVersion: d.versionSeq > 0 ? d.versionSeq : null, createdBy };
}
