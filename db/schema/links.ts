import { index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./access";
import { cards } from "./agile";

export const CARD_LINK_KINDS = ["run", "dataset_version", "model_version", "commit"] as const;
export type CardLinkKind = (typeof CARD_LINK_KINDS)[number];

/**
 * A card joined to a pipeline object. `target` is the object's id as text (a run uuid, a dataset or
 * model version id, a commit sha), so the kinds whose tables land later need no schema change here.
 */
export const cardLinks = pgTable(
  "card_links",
  {
    id: uuid().primaryKey().defaultRandom(),
    cardId: uuid()
      .notNull()
      .references(() => cards.id, { onDelete: "cascade" }),
    kind: text().$type<CardLinkKind>().notNull(),
    target: text().notNull(),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("card_links_card_id_kind_target_idx").on(t.cardId, t.kind, t.target),
    index("card_links_kind_target_idx").on(t.kind, t.target),
    index("card_links_created_by_idx").on(t.createdBy),
  ],
);
