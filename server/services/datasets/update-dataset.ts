import { and, eq } from "drizzle-orm";
import { datasets } from "@/db/schema";
import { assertCan } from "@/server/auth/permissions";
import { recordAudit } from "../audit/record-audit";
import type { OrgContext } from "../context";
import { findDataset } from "./internal";
import { getDataset } from "./get-dataset";
import type { UpdateDatasetInput } from "./schemas";

/** Terms and description change; versions never do. */
export async function updateDataset({ ctx, input }: { ctx: OrgContext; input: UpdateDatasetInput }) {
  assertCan(ctx.roles, "dataset.write");
  const { key, name } = input;
  // Named field by field: the adapter's input also carries `org`, which is no column, and `{}` changes nothing.
  const changes = { description: input.description, licence: input.licence, containsPersonalData: input.containsPersonalData };
  await ctx.db.transaction(async (tx) => {
    const { dataset } = await findDataset(tx, ctx, { key, name }, { lock: true });
    const set = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
    if (Object.keys(set).length === 0) return;
    await tx.update(datasets).set(set).where(and(eq(datasets.id, dataset.id), eq(datasets.orgId, ctx.org.id)));
    await recordAudit(tx, {
      orgId: ctx.org.id,
      actorUserId: ctx.actor.userId,
      action: "dataset.update",
      targetType: "dataset",
      targetId: dataset.id,
      data: {
        name,
        from: Object.fromEntries(Object.keys(set).map((k) => [k, dataset[k as keyof typeof dataset]])),
        to: set,
      },
    });
  });
  return getDataset({ ctx, input: { key, name } });
}
