import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { jobs, runParams, runTags } from "@/db/schema";
import { withTestDb } from "@/db/with-test-db";
import { createCard } from "@/server/services/agile/create-card";
import type { OrgContext } from "@/server/services/context";
import { callerFor } from "@/server/trpc/testing";
import { parseRunId } from "../../mlflow/internal";
import { cancelJob } from "../cancel-job";
import { listCardJobs } from "../card-jobs";
import { createSweep, MAX_SWEEP_JOBS, sweepGrid } from "../create-sweep";
import { retryJob } from "../retry-job";
import { setupRunnerWorld } from "../../runner-protocol/__tests__/testing";

const database = withTestDb();

const spec = { kind: "command" as const, command: "python train.py", env: { SEED: "1" } };

const newCard = async (ctx: OrgContext, key: string) => (await createCard({ ctx, input: { key, title: "Try a smaller learning rate" } })).key;

async function paramsOf(runId: string) {
  const rows = await database.db.select({ key: runParams.key, value: runParams.value }).from(runParams).where(eq(runParams.runId, parseRunId(runId)!));
  return Object.fromEntries(rows.map((r) => [r.key, r.value]));
}

describe("jobs.createSweep", () => {
  it("queues one job per combination, linked to the card, params in the env and on the run", async () => {
    const w = await setupRunnerWorld(database.db);
    const cardKey = await newCard(w.dev, w.project.key);
    const created = await createSweep({
      ctx: w.dev,
      input: { job: { key: w.project.key, card: cardKey, spec, gpus: 1 }, params: [{ key: "lr", values: ["0.1", "0.01"] }, { key: "batch.size", values: ["32", "64", "128"] }] },
    });
    expect(created).toHaveLength(6);
    expect(created.every((j) => j.card === cardKey && j.state === "queued" && j.gpus === 1)).toBe(true);
    expect(created.map((j) => (j.spec as { env: Record<string, string> }).env)).toContainEqual({ SEED: "1", PARAM_LR: "0.01", PARAM_BATCH_SIZE: "64" });
    expect(await paramsOf(created[4]!.runId)).toEqual({ lr: "0.01", "batch.size": "64" });
    const sweepTags = await database.db.select({ value: runTags.value }).from(runTags).where(eq(runTags.key, "runboard.sweep"));
    expect(new Set(sweepTags.map((t) => t.value)).size).toBe(1);
    expect((await listCardJobs({ ctx: w.dev, input: { cardKey } })).map((j) => j.id).sort()).toEqual(created.map((j) => j.id).sort());

    const single = await createSweep({ ctx: w.dev, input: { job: { key: w.project.key, spec } } });
    expect(single).toHaveLength(1);
    expect(await paramsOf(single[0]!.runId)).toEqual({});
  });

  it("refuses the whole grid when one combination is bad or the grid is too large; nothing is queued", async () => {
    const w = await setupRunnerWorld(database.db);
    const count = async () => (await database.db.select({ id: jobs.id }).from(jobs).where(eq(jobs.projectId, w.project.id))).length;
    const tooLong = "x".repeat(6001);
    await expect(
      createSweep({ ctx: w.dev, input: { job: { key: w.project.key, spec }, params: [{ key: "note", values: ["ok", tooLong, "fine"] }] } }),
    ).rejects.toThrow(/"params",\s*0,\s*"values",\s*1/);
    const train = { kind: "train" as const, dataset: { name: "churn", version: 1 }, target: "churned", registerAs: "churn-clf" };
    await expect(
      createSweep({ ctx: w.dev, input: { job: { key: w.project.key, spec: train }, params: [{ key: "learningRate", values: ["0.1", "20"] }] } }),
    ).rejects.toThrow(/combination 2 \(learningRate=20\): job\.spec\.learningRate/);
    // Valid inputs, but the dataset is missing: the jobs created before the failure roll back too.
    await expect(
      createSweep({ ctx: w.dev, input: { job: { key: w.project.key, spec, datasets: [{ name: "nope", version: 1 }] }, params: [{ key: "lr", values: ["1", "2"] }] } }),
    ).rejects.toThrow(/Dataset nope version 1/);
    await expect(
      createSweep({ ctx: w.dev, input: { job: { key: w.project.key, spec }, params: [{ key: "a", values: ["1", "2", "3", "4", "5", "6", "7", "8"] }, { key: "b", values: ["1", "2", "3", "4", "5", "6", "7"] }] } }),
    ).rejects.toThrow(`this sweep has 56 combinations; at most ${MAX_SWEEP_JOBS} jobs`);
    await expect(createSweep({ ctx: w.dev, input: { job: { key: w.project.key, spec }, params: [{ key: "a", values: ["1"] }, { key: "a", values: ["2"] }] } })).rejects.toThrow(
      /given twice/,
    );
    expect(await count()).toBe(0);
    expect(sweepGrid([])).toEqual([{}]);
  });

  it("is refused to viewers and outsiders through tRPC", async () => {
    const w = await setupRunnerWorld(database.db);
    const viewer = callerFor(database.db, w.members.viewer);
    await expect(viewer.jobs.createSweep({ org: w.org.slug, job: { key: w.project.key, spec } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const other = await setupRunnerWorld(database.db);
    const outsider = callerFor(database.db, other.members.admin);
    await expect(outsider.jobs.createSweep({ org: w.org.slug, job: { key: w.project.key, spec } })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("jobs.retry", () => {
  it("queues a cancelled job again with the same spec, card and params; refuses live jobs", async () => {
    const w = await setupRunnerWorld(database.db);
    const cardKey = await newCard(w.dev, w.project.key);
    const [first] = await createSweep({
      ctx: w.dev,
      input: { job: { key: w.project.key, card: cardKey, spec, gpus: 2, labels: ["gpu"], timeoutSeconds: 120, maxAttempts: 1 }, params: [{ key: "lr", values: ["0.3"] }] },
    });
    await expect(retryJob({ ctx: w.dev, input: { id: first!.id } })).rejects.toThrow(/Only failed or cancelled jobs/);
    await cancelJob({ ctx: w.dev, input: { id: first!.id } });
    const again = await retryJob({ ctx: w.dev, input: { id: first!.id } });
    expect(again).toMatchObject({ state: "queued", card: cardKey, spec: first!.spec, gpus: 2, labels: ["gpu"], timeoutSeconds: 120, maxAttempts: 1, attempt: 1 });
    expect(again.id).not.toBe(first!.id);
    expect(await paramsOf(again.runId)).toEqual({ lr: "0.3" });
    const [retryTag] = await database.db.select({ value: runTags.value }).from(runTags).where(eq(runTags.runId, parseRunId(again.runId)!)).then((r) => r.filter((t) => t.value === first!.id));
    expect(retryTag).toBeDefined();
    expect(await listCardJobs({ ctx: w.dev, input: { cardKey } })).toHaveLength(2);
  });
});
