import { desc, eq } from "drizzle-orm";
import { datasetVersions } from "@/db/schema";
import { assertCan } from "@/server/auth/permissions";
import type { OrgContext } from "../context";
import { findDataset, selectVersions, toVersionSummary } from "./internal";
import type { DatasetRef } from "./schemas";

export async function listVersions({ ctx, input }: { ctx: OrgContext; input: DatasetRef }) {
  assertCan(ctx.roles, "dataset.read");
  const { dataset } = await findDataset(ctx.db, ctx, input);
  const rows = await selectVersions(ctx.db).where(eq(datasetVersions.datasetId, dataset.id)).orderBy(desc(datasetVersions.version));
  return rows.map(toVersionSummary);
}
