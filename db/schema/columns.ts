import { timestamp } from "drizzle-orm/pg-core";

/** When the row was made: every table's `createdAt`. */
export const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();
