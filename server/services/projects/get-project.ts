import { z } from "zod";
import { and, eq } from "drizzle-orm";
import { projects } from "@/db/schema";
import { assertCan } from "@/server/auth/permissions";
import type { OrgContext } from "../context";
import type { ProjectContext } from "../mlflow/internal";
import { NotFoundError } from "../errors";
import { ProjectKey } from "../schemas";
import { projectColumns } from "./list-projects";

export const GetProjectInput = z.object({ key: ProjectKey });
export type GetProjectInput = z.infer<typeof GetProjectInput>;

/** A project of the caller's organization; a key that exists only in another organization is "not found". */
export async function getProject({ ctx, input }: { ctx: OrgContext; input: GetProjectInput }) {
  assertCan(ctx.roles, "project.read");
  const [row] = await ctx.db
    .select(projectColumns)
    .from(projects)
    .where(and(eq(projects.orgId, ctx.org.id), eq(projects.key, input.key)))
    .limit(1);
  if (!row) throw new NotFoundError(`Project ${input.key}`);
  return row;
}

/** The caller inside one project of their organization, as the project-scoped verbs (MLflow, registry, jobs) take it. */
export async function projectContext(ctx: OrgContext, key: string): Promise<ProjectContext> {
  const { id } = await getProject({ ctx, input: { key } });
  return { ...ctx, project: { id, key } };
}
