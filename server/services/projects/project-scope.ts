import { and, eq } from "drizzle-orm";
import { projects } from "@/db/schema";
import { assertCan, type Action } from "@/server/auth/permissions";
import type { OrgContext, ProjectContext } from "../context";
import { NotFoundError } from "../errors";
import { projectColumns } from "./list-projects";

/**
 * The caller inside one project of their organization, once their roles allow `action` there.
 * A key that exists only in another organization is "not found". `project` carries the project's
 * columns (name, description…) besides the id and key every project-scoped verb uses.
 */
export async function projectScope(ctx: OrgContext, key: string, action: Action) {
  assertCan(ctx.roles, action);
  const [row] = await ctx.db
    .select(projectColumns)
    .from(projects)
    .where(and(eq(projects.orgId, ctx.org.id), eq(projects.key, key)))
    .limit(1);
  if (!row) throw new NotFoundError(`Project ${key}`);
  return { ...ctx, project: row } satisfies ProjectContext;
}
