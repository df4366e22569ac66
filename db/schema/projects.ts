import { index, integer, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { organizations, users } from "./access";
import { createdAt } from "./columns";

export const projects = pgTable(
  "projects",
  {
    id: uuid().primaryKey().defaultRandom(),
    orgId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    key: text().notNull(),
    name: text().notNull(),
    description: text().notNull().default(""),
    /** Last card number handed out; incremented in the card-creating transaction so numbers are never reused. */
    cardSeq: integer().notNull().default(0),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("projects_org_id_key_idx").on(t.orgId, t.key), index("projects_created_by_idx").on(t.createdBy)],
);

/** The key and owners of a row that belongs to one project (cards, datasets, jobs): deleted with it. */
export const projectOwnedColumns = () => ({
  id: uuid().primaryKey().defaultRandom(),
  orgId: uuid()
    .notNull()
    .references(() => organizations.id, { onDelete: "cascade" }),
  projectId: uuid()
    .notNull()
    .references(() => projects.id, { onDelete: "cascade" }),
});
