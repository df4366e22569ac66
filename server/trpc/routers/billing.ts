import { BillingSettingsIn, BillingSettingsOut, getBillingSettings, putBillingSettings } from "@/server/services/billing/settings";
import { CardTotalsInput, cardUsageTotals, SprintTotalsInput, SprintTotalsOut, sprintUsageTotals, UsageTotalsOut } from "@/server/services/billing/totals";
import { orgProcedure, router } from "../init";

const tags = ["billing"];

export const billingRouter = router({
  get: orgProcedure
    .meta({ openapi: { method: "GET", path: "/orgs/{org}/billing", tags, summary: "Costs & carbon settings: currency, CPU and GPU-type rates, grid intensity, runner overrides" } })
    .output(BillingSettingsOut)
    .query(({ ctx }) => getBillingSettings({ ctx: ctx.svc })),
  put: orgProcedure
    .meta({ openapi: { method: "PUT", path: "/orgs/{org}/billing", tags, summary: "Replace the costs & carbon settings (admins); applies to jobs completing afterwards" } })
    .input(BillingSettingsIn)
    .output(BillingSettingsOut)
    .mutation(({ ctx, input }) => putBillingSettings({ ctx: ctx.svc, input })),
  cardTotals: orgProcedure
    .meta({ openapi: { method: "GET", path: "/orgs/{org}/cards/{cardKey}/usage-totals", tags, summary: "Wall and GPU hours, energy, cost and CO2e of a card's finished jobs" } })
    .input(CardTotalsInput)
    .output(UsageTotalsOut)
    .query(({ ctx, input }) => cardUsageTotals({ ctx: ctx.svc, input })),
  sprintTotals: orgProcedure
    .meta({ openapi: { method: "GET", path: "/orgs/{org}/sprints/{sprintId}/usage-totals", tags, summary: "Usage totals of a sprint: jobs of its cards that finished while it was open" } })
    .input(SprintTotalsInput)
    .output(SprintTotalsOut)
    .query(({ ctx, input }) => sprintUsageTotals({ ctx: ctx.svc, input })),
});
