import { datasets } from "@/db/schema";
import { assertCan } from "@/server/auth/permissions";
import { recordAudit } from "../audit/record-audit";
import type { OrgContext } from "../context";
import { ConflictError, isUniqueViolation } from "../errors";
import { projectScope } from "../projects/project-scope";
import { toDatasetOut } from "./internal";
import { versionInfo } from "./list-datasets";
import type { CreateDatasetInput } from "./schemas";

export async function createDataset({ ctx, input }: { ctx: OrgContext; input: CreateDatasetInput }) {
  assertCan(ctx.roles, "dataset.write");
  const { project } = await projectScope(ctx, input.key, "project.read");
  try {
    return await ctx.db.transaction(async (tx) => {
      const [d] = await tx
        .insert(datasets)
        .values({
          orgId: ctx.org.id,
          projectId: project.id,
          name: input.name,
          description: input.description,
          licence: input.licence,
          containsPersonalData: input.containsPersonalData,
          createdBy: ctx.actor.userId,
        })
        .returning();
      await recordAudit(tx, {
        orgId: ctx.org.id,
        actorUserId: ctx.actor.userId,
        action: "dataset.create",
        targetType: "dataset",
        targetId: d!.id,
        data: { project: project.key, name: input.name, containsPersonalData: input.containsPersonalData },
      });
      return toDatasetOut(ctx, project.key, d!, versionInfo(d!, { id: ctx.actor.userId, name: null }));
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new ConflictError(`a dataset named ${input.name} already exists in ${project.key}`, { field: "name" });
    throw err;
  }
}
