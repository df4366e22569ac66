import type { SchemaColumn } from "@/db/schema";
import { assertCan } from "@/server/auth/permissions";
import type { OrgContext } from "../context";
import { findDataset, findVersion } from "./internal";
import type { DiffInput, DiffOut } from "./schemas";

/** Schema and row-count changes from `against` (default: the previous version) to `version`. */
export async function diffVersions({ ctx, input }: { ctx: OrgContext; input: DiffInput }): Promise<DiffOut> {
  assertCan(ctx.roles, "dataset.read");
  const { dataset } = await findDataset(ctx.db, ctx, input);
  const to = (await findVersion(ctx.db, dataset.id, input.version)).v;
  const againstNumber = input.against ?? (input.version > 1 ? input.version - 1 : null);
  const from = againstNumber === null ? null : (await findVersion(ctx.db, dataset.id, againstNumber)).v;
  return { version: to.version, against: againstNumber, ...diffSchemas(from?.schema ?? [], to.schema),
    rowCount: { from: from?.rowCount ?? null, to: to.rowCount, change: from ? to.rowCount - from.rowCount : null },
    sameContent: from?.sha256 === to.sha256,
  };
}

export function diffSchemas(from: SchemaColumn[], to: SchemaColumn[]) {
  const before = new Map(from.map((c) => [c.name, c]));
  const after = new Map(to.map((c) => [c.name, c]));
  return {
    columnsAdded: to.filter((c) => !before.has(c.name)),
    columnsRemoved: from.filter((c) => !after.has(c.name)),
    columnsRetyped: to.flatMap((c) => {
      const old = before.get(c.name);
      return old && old.type !== c.type ? [{ name: c.name, from: old.type, to: c.type }] : [];
    }),
  };
}
