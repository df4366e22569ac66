import { and, eq, isNull } from "drizzle-orm";
import { datasetVersions } from "@/db/schema";
import { assertCan } from "@/server/auth/permissions";
import { recordAudit } from "../audit/record-audit";
import type { OrgContext } from "../context";
import { notifyLinked } from "../tracking/notify";
import { findDataset, findVersion, toVersionOut } from "./internal";
import type { VersionRef } from "./schemas";

/** Marks a version ready for training. Marking it again keeps the first mark (who and when). */
export async function markReady({ ctx, input }: { ctx: OrgContext; input: VersionRef }) {
  assertCan(ctx.roles, "dataset.mark_ready");
  return ctx.db.transaction(async (tx) => {
    const { dataset, projectKey } = await findDataset(tx, ctx, input);
    const current = await findVersion(tx, dataset.id, input.version);
    const [marked] = await tx
      .update(datasetVersions)
      .set({ readyAt: new Date(), readyBy: ctx.actor.userId })
      .where(and(eq(datasetVersions.id, current.v.id), isNull(datasetVersions.readyAt)))
      .returning({ id: datasetVersions.id });
    if (marked) {
      await recordAudit(tx, {
        orgId: ctx.org.id,
        actorUserId: ctx.actor.userId,
        action: "dataset.mark_ready",
        targetType: "dataset_version",
        targetId: current.v.id,
        data: { project: projectKey, dataset: dataset.name, version: input.version, sha256: current.v.sha256 },
      });
      await notifyLinked(tx, { projectId: dataset.projectId, kind: "dataset" });
    }
    return toVersionOut(ctx, projectKey, dataset.name, await findVersion(tx, dataset.id, input.version));
  });
}
