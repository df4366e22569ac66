import { type z } from "zod";
import type { OrgContext } from "../context";
import { ProjectRef } from "../schemas";
import { projectScope } from "./project-scope";

export const GetProjectInput = ProjectRef;
export type GetProjectInput = z.infer<typeof GetProjectInput>;

/** A project of the caller's organization; a key that exists only in another organization is "not found". */
export async function getProject({ ctx, input }: { ctx: OrgContext; input: GetProjectInput }) {
  return (await projectScope(ctx, input.key, "project.read")).project;
}
