import { doublePrecision, index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { organizations, users } from "./access";
import { runners } from "./execution";

const ts = () => timestamp({ withTimezone: true });

/**
 * An organization's prices and grid intensity. The server prices each job at completion from these
 * (never from what the runner sends); without a row, costs are 0 EUR and no CO2e is computed.
 */
export const billingSettings = pgTable("billing_settings", {
  orgId: uuid()
    .primaryKey()
    .references(() => organizations.id, { onDelete: "cascade" }),
  /** ISO 4217 code the rates are in. */
  currency: text().notNull().default("EUR"),
  /** Charged per wall hour of every job (one CPU slot), in `currency`. */
  cpuHourRate: doublePrecision().notNull().default(0),
  /** gCO2e per kWh; null: not configured (no CO2e recorded). */
  gridIntensity: doublePrecision(),
  updatedBy: uuid().references(() => users.id, { onDelete: "set null" }),
  updatedAt: ts().notNull().defaultNow(),
});

/** Price per GPU-hour for GPUs whose name contains `pattern` (case-insensitive; the longest match wins; "*" matches any). */
export const gpuRates = pgTable(
  "gpu_rates",
  {
    id: uuid().primaryKey().defaultRandom(),
    orgId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    pattern: text().notNull(),
    hourlyRate: doublePrecision().notNull(),
    createdAt: ts().notNull().defaultNow(),
  },
  (t) => [uniqueIndex("gpu_rates_org_id_pattern_idx").on(t.orgId, t.pattern)],
);

/** Per-runner overrides: an all-in hourly rate (replaces the GPU and CPU rates) and a grid intensity. */
export const runnerBilling = pgTable(
  "runner_billing",
  {
    runnerId: uuid()
      .primaryKey()
      .references(() => runners.id, { onDelete: "cascade" }),
    orgId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    hourlyRate: doublePrecision(),
    gridIntensity: doublePrecision(),
  },
  (t) => [index("runner_billing_org_id_idx").on(t.orgId)],
);
