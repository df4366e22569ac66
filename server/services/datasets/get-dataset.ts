import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
import { assertCan } from "@/server/auth/permissions";
import type { OrgContext } from "../context";
import { findDataset, toDatasetOut } from "./internal";
import { versionInfo } from "./list-datasets";
import type { DatasetRef } from "./schemas";

export async function getDataset({ ctx, input }: { ctx: OrgContext; input: DatasetRef }) {
  assertCan(ctx.roles, "dataset.read");
  const { dataset, projectKey } = await findDataset(ctx.db, ctx, input);
  const [creator] = dataset.createdBy
    ? await ctx.db.select({ id: users.id, name: users.name }).from(users).where(eq(users.id, dataset.createdBy)).limit(1)
    : [];
  return toDatasetOut(ctx, projectKey, dataset, versionInfo(dataset, creator ?? null));
}
