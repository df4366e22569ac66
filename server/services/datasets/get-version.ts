import { assertCan } from "@/server/auth/permissions";
import type { OrgContext } from "../context";
import { findDataset, findVersion, toVersionOut } from "./internal";
import type { VersionRef } from "./schemas";

export async function getVersion({ ctx, input }: { ctx: OrgContext; input: VersionRef }) {
  assertCan(ctx.roles, "dataset.read");
  const { dataset, projectKey } = await findDataset(ctx.db, ctx, input);
  return toVersionOut(ctx, projectKey, dataset.name, await findVersion(ctx.db, dataset.id, input.version));
}
