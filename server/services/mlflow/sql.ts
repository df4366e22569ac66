import { and, eq, exists, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { BadRequestError } from "../errors";
import type { Clause } from "./search-filter";

export type ViewType = "ACTIVE_ONLY" | "DELETED_ONLY" | "ALL";

export function viewTypeFilter(stage: SQLWrapper, viewType: ViewType = "ACTIVE_ONLY"): SQL {
  if (viewType === "ALL") return sql`true`;
  return sql`${stage} = ${viewType === "DELETED_ONLY" ? "deleted" : "active"}`;
}

const STRING_OPS = new Set(["=", "!=", "LIKE", "ILIKE", "IN", "NOT IN"]);
const NUMERIC_OPS = new Set(["=", "!=", "<", "<=", ">", ">="]);

/** Strings are compared with =, !=, LIKE, ILIKE (and IN for attributes) and must be quoted. */
export function stringComparators(c: Clause) {
  if (!STRING_OPS.has(c.op)) throw new BadRequestError(`Invalid comparator '${c.op}' for ${c.type} '${c.key}': use =, !=, LIKE or ILIKE`);
  if (typeof c.value === "number") throw new BadRequestError(`Invalid value ${c.value} for ${c.type} '${c.key}': strings must be quoted`);
}

export function numericComparators(c: Clause) {
  if (!NUMERIC_OPS.has(c.op)) throw new BadRequestError(`Invalid comparator '${c.op}' for ${c.type} '${c.key}': use =, !=, <, <=, > or >=`);
  if (typeof c.value !== "number") throw new BadRequestError(`Invalid value '${String(c.value)}' for ${c.type} '${c.key}': expected a number`);
}

/** `lhs <op> value`; `op` comes from the tokenizer's closed set, never from raw input. */
export function compare(lhs: SQLWrapper, c: Clause): SQL {
  switch (c.op) {
    case "IN":
    case "NOT IN": {
      const list = c.value as string[];
      return sql`${lhs} ${sql.raw(c.op === "IN" ? "in" : "not in")} (${sql.join(list.map((v) => sql`${v}`), sql`, `)})`;
    }
    case "LIKE":
      return sql`${lhs} like ${c.value}`;
    case "ILIKE":
      return sql`${lhs} ilike ${c.value}`;
    case "=":
    case "!=":
    case "<":
    case "<=":
    case ">":
    case ">=":
      return sql`${lhs} ${sql.raw(c.op === "!=" ? "<>" : c.op)} ${c.value}`;
    default:
      throw new BadRequestError(`Invalid comparator '${c.op}'`);
  }
}

/** A tag table: which row the tag belongs to (`ownerId`), and its key and value columns. */
export interface TagTable {
  table: PgTable;
  ownerId: PgColumn;
  key: PgColumn;
  value: PgColumn;
}

/** A `tags.<key> <op> value` clause: the row (`owner`, its id column) has a tag with that key whose value matches. */
export function tagExists(db: Db, tags: TagTable, owner: PgColumn, c: Clause): SQL {
  return exists(
    db
      .select({ one: sql`1` })
      .from(tags.table)
      .where(and(eq(tags.ownerId, owner), eq(tags.key, c.key), compare(tags.value, c))),
  );
}
