import { z } from "zod";
import { createProject, CreateProjectInput } from "@/server/services/projects/create-project";
import { getProject, GetProjectInput } from "@/server/services/projects/get-project";
import { listProjects } from "@/server/services/projects/list-projects";
import { orgProcedure, router } from "../init";
import { ProjectOut } from "../outputs";

export const projectsRouter = router({
  list: orgProcedure
    .meta({ openapi: { method: "GET", path: "/orgs/{org}/projects", tags: ["projects"], summary: "List projects" } })
    .output(z.array(ProjectOut))
    .query(({ ctx }) => listProjects({ ctx: ctx.svc })),
  get: orgProcedure
    .meta({ openapi: { method: "GET", path: "/orgs/{org}/projects/{key}", tags: ["projects"], summary: "Get a project by key" } })
    .input(GetProjectInput)
    .output(ProjectOut)
    .query(({ ctx, input }) => getProject({ ctx: ctx.svc, input })),
  create: orgProcedure
    .meta({ openapi: { method: "POST", path: "/orgs/{org}/projects", tags: ["projects"], summary: "Create a project", successDescription: "The new project" } })
    .input(CreateProjectInput)
    .output(ProjectOut)
    .mutation(({ ctx, input }) => createProject({ ctx: ctx.svc, input })),
});
