import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { text } from "@/lib/text";
import type { Db } from "@/db/client";
import { billingSettings, gpuRates, runnerBilling, runners } from "@/db/schema";
import { assertCan, can } from "@/server/auth/permissions";
import { recordAudit } from "../audit/record-audit";
import type { OrgContext } from "../context";
import { BadRequestError, NotFoundError } from "../errors";
import { DEFAULT_CURRENCY, type PriceBook } from "./compute";

const Rate = z.number().min(0).max(1_000_000);
const Intensity = z.number().min(0).max(10_000);

export const GpuRateIn = z.object({
  /** Matched case-insensitively against the GPU name (nvidia-smi's), e.g. "H100"; "*" matches any GPU. */
  pattern: text().trim().min(1).max(100),
  hourlyRate: Rate,
});
export const RunnerOverrideIn = z.object({
  runnerId: z.uuid(),
  /** All-in price per wall hour of a job on this runner; replaces the GPU and CPU rates. */
  hourlyRate: Rate.nullable(),
  gridIntensity: Intensity.nullable(),
});

export const BillingSettingsIn = z.object({
  currency: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{3}$/, "a three-letter currency code, e.g. EUR")
    .transform((s) => s.toUpperCase()),
  cpuHourRate: Rate,
  gridIntensity: Intensity.nullable(),
  gpuRates: z.array(GpuRateIn).max(100).default([]),
  /** Every runner's override; runners left out have none. */
  runners: z.array(RunnerOverrideIn).max(1000).default([]),
});
export type BillingSettingsIn = z.input<typeof BillingSettingsIn>;

export const BillingSettingsOut = z.object({
  currency: z.string(),
  cpuHourRate: z.number(),
  gridIntensity: z.number().nullable(),
  gpuRates: z.array(z.object({ pattern: z.string(), hourlyRate: z.number() })),
  runners: z.array(z.object({ runnerId: z.uuid(), name: z.string(), gpuNames: z.array(z.string()), hourlyRate: z.number().nullable(), gridIntensity: z.number().nullable() })),
  canEdit: z.boolean(),
  updatedAt: z.date().nullable(),
});
export type BillingSettingsOut = z.infer<typeof BillingSettingsOut>;

/** The organization's prices, GPU-type rates and every runner with its override (none: nulls). Members read; admins edit. */
export async function getBillingSettings({ ctx }: { ctx: OrgContext }): Promise<BillingSettingsOut> {
  assertCan(ctx.roles, "org.read");
  const [settings] = await ctx.db.select().from(billingSettings).where(eq(billingSettings.orgId, ctx.org.id));
  const rates = await ctx.db
    .select({ pattern: gpuRates.pattern, hourlyRate: gpuRates.hourlyRate })
    .from(gpuRates)
    .where(eq(gpuRates.orgId, ctx.org.id))
    .orderBy(asc(gpuRates.pattern));
  const rows = await ctx.db
    .select({ runnerId: runners.id, name: runners.name, resources: runners.resources, hourlyRate: runnerBilling.hourlyRate, gridIntensity: runnerBilling.gridIntensity })
    .from(runners)
    .leftJoin(runnerBilling, eq(runnerBilling.runnerId, runners.id))
    .where(eq(runners.orgId, ctx.org.id))
    .orderBy(asc(runners.name));
  return {
    currency: settings?.currency ?? DEFAULT_CURRENCY,
    cpuHourRate: settings?.cpuHourRate ?? 0,
    gridIntensity: settings?.gridIntensity ?? null,
    gpuRates: rates,
    runners: rows.map((r) => ({
      runnerId: r.runnerId,
      name: r.name,
      gpuNames: [...new Set(r.resources.gpus.map((g) => g.name))],
      hourlyRate: r.hourlyRate ?? null,
      gridIntensity: r.gridIntensity ?? null,
    })),
    canEdit: can(ctx.roles, "runner.manage"),
    updatedAt: settings?.updatedAt ?? null,
  };
}

/**
 * Replaces the organization's billing settings as a whole (PUT): GPU-type rates and runner overrides
 * not in the request are removed. New prices apply to jobs that complete afterwards; finished jobs keep theirs.
 */
export async function putBillingSettings({ ctx, input }: { ctx: OrgContext; input: BillingSettingsIn }): Promise<BillingSettingsOut> {
  assertCan(ctx.roles, "runner.manage");
  const req = BillingSettingsIn.parse(input);
  const patterns = req.gpuRates.map((r) => r.pattern.toLowerCase());
  const dup = patterns.find((p, i) => patterns.indexOf(p) !== i);
  if (dup) throw new BadRequestError(`the pattern "${dup}" appears twice`, { field: "gpuRates" });
  const runnerIds = req.runners.map((r) => r.runnerId);
  if (new Set(runnerIds).size !== runnerIds.length) throw new BadRequestError("a runner appears twice", { field: "runners" });
  await ctx.db.transaction(async (tx) => {
    if (runnerIds.length) {
      const known = await tx.select({ id: runners.id }).from(runners).where(and(eq(runners.orgId, ctx.org.id), inArray(runners.id, runnerIds)));
      if (known.length !== runnerIds.length) throw new NotFoundError("Runner");
    }
    const values = { currency: req.currency, cpuHourRate: req.cpuHourRate, gridIntensity: req.gridIntensity, updatedBy: ctx.actor.userId, updatedAt: sql`now()` };
    await tx
      .insert(billingSettings)
      .values({ orgId: ctx.org.id, ...values })
      .onConflictDoUpdate({ target: billingSettings.orgId, set: values });
    await tx.delete(gpuRates).where(eq(gpuRates.orgId, ctx.org.id));
    if (req.gpuRates.length) await tx.insert(gpuRates).values(req.gpuRates.map((r) => ({ orgId: ctx.org.id, pattern: r.pattern, hourlyRate: r.hourlyRate })));
    await tx.delete(runnerBilling).where(eq(runnerBilling.orgId, ctx.org.id));
    const overrides = req.runners.filter((r) => r.hourlyRate !== null || r.gridIntensity !== null);
    if (overrides.length) await tx.insert(runnerBilling).values(overrides.map((r) => ({ orgId: ctx.org.id, ...r })));
    await recordAudit(tx, {
      orgId: ctx.org.id,
      actorUserId: ctx.actor.userId,
      action: "billing.update",
      data: { currency: req.currency, cpuHourRate: req.cpuHourRate, gridIntensity: req.gridIntensity, gpuRates: req.gpuRates.length, runnerOverrides: overrides.length },
    });
  });
  return getBillingSettings({ ctx });
}

/** What prices a job of `orgId` that ran on `runnerId` (no ctx: called from the runner protocol). */
export async function loadPriceBook(db: Db, orgId: string, runnerId: string | null): Promise<PriceBook> {
  const [settings] = await db.select().from(billingSettings).where(eq(billingSettings.orgId, orgId));
  const rates = await db.select({ pattern: gpuRates.pattern, hourlyRate: gpuRates.hourlyRate }).from(gpuRates).where(eq(gpuRates.orgId, orgId));
  const [override] = runnerId
    ? await db
        .select({ hourlyRate: runnerBilling.hourlyRate, gridIntensity: runnerBilling.gridIntensity })
        .from(runnerBilling)
        .where(and(eq(runnerBilling.runnerId, runnerId), eq(runnerBilling.orgId, orgId)))
    : [];
  return {
    currency: settings?.currency ?? DEFAULT_CURRENCY,
    cpuHourRate: settings?.cpuHourRate ?? 0,
    gridIntensity: settings?.gridIntensity ?? null,
    gpuRates: rates,
    runner: override ?? null,
  };
}
