import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { jobs, runTags } from "@/db/schema";
import { createTestTeam, orgCtx } from "@/db/testing";
import { withTestDb } from "@/db/with-test-db";
import type { Resources, UsageInput } from "@/runner/protocol";
import { createCard } from "@/server/services/agile/create-card";
import { createSprint, startSprint } from "@/server/services/agile/sprints";
import { ForbiddenError, NotFoundError } from "@/server/services/errors";
import { parseRunId } from "@/server/services/mlflow/internal";
import { claimJob } from "@/server/services/runner-protocol/claim";
import { completeJob } from "@/server/services/runner-protocol/complete";
import { getJob } from "@/server/services/jobs/read-jobs";
import { setupRunnerWorld } from "@/server/services/runner-protocol/__tests__/testing";
import { createApiToken } from "@/server/services/tokens/create-api-token";
import { restClientOf } from "@/server/trpc/testing";
import { getBillingSettings, putBillingSettings } from "../settings";
import { cardUsageTotals, sprintUsageTotals } from "../totals";

const database = withTestDb();
const rest = restClientOf(database);

const H100S: Resources = {
  cpus: 32,
  memoryBytes: 256 * 2 ** 30,
  gpus: [0, 1].map((index) => ({ index, name: "NVIDIA H100 80GB HBM3", memoryMb: 81_559, utilization: 0, powerW: 70 })),
};

type World = Awaited<ReturnType<typeof setupRunnerWorld>>;
type RunnerCtx = Awaited<ReturnType<World["addRunner"]>>;

/** Queues a job for `card`, has `runner` claim it and complete it with `usage`. */
async function runJob(w: World, runner: RunnerCtx, card: string, gpus: number, usage: UsageInput) {
  const job = await w.queue({ card, gpus });
  const claimed = await claimJob({ ctx: runner, input: { freeGpus: gpus } });
  if (claimed.kind !== "run" || claimed.job.id !== job.id) throw new Error("expected to claim the queued job");
  await completeJob({ ctx: runner, jobId: job.id, input: { leaseId: claimed.job.leaseId, status: "succeeded", exitCode: 0, usage } });
  return job;
}

const gpuUsage = (wallSeconds: number): UsageInput => ({
  wallSeconds,
  cpuSeconds: 100,
  gpuSeconds: wallSeconds * 2,
  gpus: [0, 1].map((index) => ({ index, name: "NVIDIA H100 80GB HBM3", seconds: wallSeconds, energyWh: 200 })),
  energyWh: 400,
  energySource: "nvidia-smi",
  cost: 999, // the runner's claim: ignored
});
const cpuUsage = (wallSeconds: number): UsageInput => ({ wallSeconds, gpuSeconds: 0, energyWh: (65 * wallSeconds) / 3600, energySource: "cpu-estimate", cost: 42 });

async function configure(w: World, cpuRunnerId: string) {
  return putBillingSettings({
    ctx: w.admin,
    input: {
      currency: "eur",
      cpuHourRate: 0.5,
      gridIntensity: 400,
      gpuRates: [
        { pattern: "H100", hourlyRate: 3 },
        { pattern: "*", hourlyRate: 1 },
      ],
      runners: [{ runnerId: cpuRunnerId, hourlyRate: 2, gridIntensity: 100 }],
    },
  });
}

describe("costs & carbon", () => {
  it("completing a job prices it from the org settings (runner cost ignored), stores it and tags the MLflow run", async () => {
    const w = await setupRunnerWorld(database.db);
    const gpu = await w.addRunner("gpu-box", H100S);
    const cpu = await w.addRunner("cpu-box");
    const settings = await configure(w, cpu.runner.id);
    expect(settings).toMatchObject({ currency: "EUR", cpuHourRate: 0.5, gridIntensity: 400, canEdit: true });
    expect(settings.runners.find((r) => r.runnerId === cpu.runner.id)).toMatchObject({ hourlyRate: 2, gridIntensity: 100 });
    expect(settings.runners.find((r) => r.runnerId === gpu.runner.id)).toMatchObject({ hourlyRate: null, gridIntensity: null, gpuNames: ["NVIDIA H100 80GB HBM3"] });
    const card = await createCard({ ctx: w.dev, input: { key: w.project.key, title: "Train" } });

    // 2 × H100 for 0.5 h at 3/h = 3, plus 0.5 h × 0.5 CPU = 0.25; 400 Wh × 400 g/kWh = 160 g
    const g = await runJob(w, gpu, card.key, 2, gpuUsage(1800));
    const got = await getJob({ ctx: w.dev, input: { id: g.id } });
    expect(got.usage).toMatchObject({ cost: 3.25, currency: "EUR", co2eGrams: 160, costBasis: "rates", cpuSeconds: 100, energyWh: 400 });
    const tags = await database.db.select().from(runTags).where(eq(runTags.runId, parseRunId(g.runId)!));
    const byKey = Object.fromEntries(tags.map((t) => [t.key, t.value]));
    expect(byKey).toMatchObject({ "runboard.cost": "3.25 EUR", "runboard.energy_wh": "400", "runboard.co2e_g": "160" });

    // runner override: 1 h × 2/h = 2 (no CPU rate on top); 65 Wh × 100 g/kWh = 6.5 g
    const c = await runJob(w, cpu, card.key, 0, cpuUsage(3600));
    const [row] = await database.db.select({ usage: jobs.usage }).from(jobs).where(eq(jobs.id, c.id));
    expect(row!.usage).toMatchObject({ cost: 2, currency: "EUR", co2eGrams: 6.5, costBasis: "runner", cpuSeconds: 0, gpus: [] });
  });

  it("no settings: cost 0 EUR and no CO2e", async () => {
    const w = await setupRunnerWorld(database.db);
    const cpu = await w.addRunner("cpu");
    const card = await createCard({ ctx: w.dev, input: { key: w.project.key, title: "x" } });
    const j = await runJob(w, cpu, card.key, 0, cpuUsage(60));
    expect((await getJob({ ctx: w.dev, input: { id: j.id } })).usage).toMatchObject({ cost: 0, currency: "EUR", co2eGrams: null });
  });

  it("totals for a card and a sprint match hand-computed sums", async () => {
    const w = await setupRunnerWorld(database.db);
    const gpu = await w.addRunner("gpu-box", H100S);
    const cpu = await w.addRunner("cpu-box");
    await configure(w, cpu.runner.id);
    const sprint = await createSprint({ ctx: w.admin, input: { key: w.project.key, name: "S1", goal: "", startDate: null, endDate: null } });
    const a = await createCard({ ctx: w.dev, input: { key: w.project.key, title: "A", sprintId: sprint.id } });
    const b = await createCard({ ctx: w.dev, input: { key: w.project.key, title: "B", sprintId: sprint.id } });
    const c = await createCard({ ctx: w.dev, input: { key: w.project.key, title: "C (not in the sprint)" } });

    await runJob(w, gpu, a.key, 2, gpuUsage(1800)); // 3.25 EUR, 160 g, 0.4 kWh, 0.5 h wall, 1 GPU-h — before the sprint starts
    const planned = await sprintUsageTotals({ ctx: w.dev, input: { sprintId: sprint.id } });
    expect(planned).toMatchObject({ window: "cards", jobs: 1, costs: [{ currency: "EUR", amount: 3.25 }] });

    await startSprint({ ctx: w.admin, input: { sprintId: sprint.id } });
    await runJob(w, cpu, a.key, 0, cpuUsage(3600)); // 2 EUR, 6.5 g, 65 Wh, 1 h
    await runJob(w, cpu, b.key, 0, cpuUsage(1800)); // 1 EUR, 3.25 g, 32.5 Wh, 0.5 h
    await runJob(w, cpu, c.key, 0, cpuUsage(360)); // not in the sprint

    const cardA = await cardUsageTotals({ ctx: w.dev, input: { cardKey: a.key } });
    expect(cardA).toEqual({
      jobs: 2,
      wallHours: 1.5,
      cpuHours: 0.027778, // 100 CPU-s of the GPU job
      gpuHours: 1,
      energyKWh: 0.465,
      measuredEnergyJobs: 1,
      costs: [{ currency: "EUR", amount: 5.25 }],
      co2eKg: 0.1665,
      jobsWithoutCo2e: 0,
    });

    const s = await sprintUsageTotals({ ctx: w.dev, input: { sprintId: sprint.id } });
    expect(s).toMatchObject({ window: "sprint", jobs: 2, wallHours: 1.5, gpuHours: 0, energyKWh: 0.0975, costs: [{ currency: "EUR", amount: 3 }], co2eKg: 0.00975, measuredEnergyJobs: 0 });
    expect(s.from).toBeInstanceOf(Date);
    expect(s.to).toBeNull();

    // a job of A that finished after the sprint window (moved past completedAt) no longer counts
    await database.db.execute(sql`update sprints set completed_at = now() where id = ${sprint.id}`);
    const [late] = await database.db.select({ id: jobs.id }).from(jobs).where(eq(jobs.cardId, b.id));
    await database.db.update(jobs).set({ finishedAt: sql`now() + interval '1 hour'` }).where(eq(jobs.id, late!.id));
    expect(await sprintUsageTotals({ ctx: w.dev, input: { sprintId: sprint.id } })).toMatchObject({ jobs: 1, costs: [{ currency: "EUR", amount: 2 }] });

    // REST: same numbers
    const token = (await createApiToken({ ctx: w.dev, input: { name: "ci" } })).token;
    const r = await rest("GET", `/orgs/${w.org.slug}/cards/${a.key}/usage-totals`, { token });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ jobs: 2, costs: [{ currency: "EUR", amount: 5.25 }] });
  });

  it("viewers read but cannot change the settings (403); other organizations get 404", async () => {
    const w = await setupRunnerWorld(database.db);
    const runner = await w.addRunner("r");
    const viewer = await orgCtx(database.db, w.org.id, w.members.viewer.id);
    const input = { currency: "USD", cpuHourRate: 1, gridIntensity: null, gpuRates: [], runners: [] };
    await expect(putBillingSettings({ ctx: viewer, input })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await getBillingSettings({ ctx: viewer })).toMatchObject({ currency: "EUR", canEdit: false });
    const viewerToken = (await createApiToken({ ctx: viewer, input: { name: "v" } })).token;
    expect((await rest("PUT", `/orgs/${w.org.slug}/billing`, { token: viewerToken, body: input })).status).toBe(403);
    const got = await rest("GET", `/orgs/${w.org.slug}/billing`, { token: viewerToken });
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ currency: "EUR", canEdit: false, runners: [{ name: "r" }] });

    const adminToken = (await createApiToken({ ctx: w.admin, input: { name: "a" } })).token;
    const put = await rest("PUT", `/orgs/${w.org.slug}/billing`, { token: adminToken, body: { ...input, gpuRates: [{ pattern: "A100", hourlyRate: 2 }] } });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ currency: "USD", gpuRates: [{ pattern: "A100", hourlyRate: 2 }] });
    const audit = await rest("GET", `/orgs/${w.org.slug}/audit?limit=5`, { token: adminToken });
    expect(audit.body[0]).toMatchObject({ action: "billing.update", data: { currency: "USD", gpuRates: 1 } });
    expect((await rest("PUT", `/orgs/${w.org.slug}/billing`, { token: adminToken, body: { ...input, currency: "euro" } })).status).toBe(400);

    const other = await createTestTeam(database.db);
    const otherAdmin = await orgCtx(database.db, other.org.id, other.members.admin.id);
    const outsider = (await createApiToken({ ctx: otherAdmin, input: { name: "x" } })).token;
    expect((await rest("GET", `/orgs/${w.org.slug}/billing`, { token: outsider })).status).toBe(404);
    expect((await rest("PUT", `/orgs/${w.org.slug}/billing`, { token: outsider, body: input })).status).toBe(404);
    // another org's runner in my overrides: 404
    await expect(putBillingSettings({ ctx: otherAdmin, input: { ...input, runners: [{ runnerId: runner.runner.id, hourlyRate: 1, gridIntensity: null }] } })).rejects.toBeInstanceOf(NotFoundError);
    const card = await createCard({ ctx: w.dev, input: { key: w.project.key, title: "x" } });
    await expect(cardUsageTotals({ ctx: otherAdmin, input: { cardKey: card.key } })).rejects.toBeInstanceOf(NotFoundError);
    const sprint = await createSprint({ ctx: w.admin, input: { key: w.project.key, name: "S", goal: "", startDate: null, endDate: null } });
    await expect(sprintUsageTotals({ ctx: otherAdmin, input: { sprintId: sprint.id } })).rejects.toBeInstanceOf(NotFoundError);
    expect((await rest("GET", `/orgs/${other.org.slug}/sprints/${sprint.id}/usage-totals`, { token: outsider })).status).toBe(404);
  });
});
