import { asc, eq } from "drizzle-orm";
import { projects } from "@/db/schema";
import { assertCan } from "@/server/auth/permissions";
import type { OrgContext } from "../context";

export const projectColumns = {
  id: projects.id,
  key: projects.key,
  name: projects.name,
  description: projects.description,
  createdAt: projects.createdAt,
};

export async function listProjects({ ctx }: { ctx: OrgContext }) {
  assertCan(ctx.roles, "project.read");
  return ctx.db.select(projectColumns).from(projects).where(eq(projects.orgId, ctx.org.id)).orderBy(asc(projects.key));
}
