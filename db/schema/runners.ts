import { index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { organizations, users } from "./access";

/** Tokens an admin hands to a new runner so it can register with the organization; stored hashed. */
export const runnerRegistrationTokens = pgTable(
  "runner_registration_tokens",
  {
    id: uuid().primaryKey().defaultRandom(),
    orgId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    name: text().notNull(),
    tokenHash: text().notNull(),
    prefix: text().notNull(),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    revokedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("runner_registration_tokens_token_hash_idx").on(t.tokenHash),
    index("runner_registration_tokens_org_id_idx").on(t.orgId),
    index("runner_registration_tokens_created_by_idx").on(t.createdBy),
  ],
);
