import { randomInt, randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { runs, runTags, RUN_STATUSES, type RunStatus } from "@/db/schema";
import { assertCan } from "@/server/auth/permissions";
import { BadRequestError } from "../errors";
import { ensureDefaultExperiment } from "./experiments";
import type { ProjectContext } from "../context";
import { assertExperimentActive, assertRunActive, DEFAULT_EXPERIMENT_ID, getExperimentRow, getRunRow, nowMs, runDataFor, runIdHex, type KeyValue, type Run, type RunData } from "./internal";
import { validateRunName, validateTag } from "./validation";
import { afterRunWrite } from "../tracking/on-run-write";

export const RUN_NAME_TAG = "mlflow.runName";
export type RunWithData = Run & { data: RunData };

const ADJECTIVES = ["amber", "brave", "calm", "clever", "eager", "gentle", "lucky", "merry", "quiet", "rapid", "sunny", "tidy"];
const NOUNS = ["otter", "falcon", "maple", "comet", "badger", "river", "lynx", "cedar", "heron", "quartz", "panda", "willow"];
const randomRunName = () => `${ADJECTIVES[randomInt(ADJECTIVES.length)]}-${NOUNS[randomInt(NOUNS.length)]}-${randomInt(1000)}`;

export interface CreateRunInput {
  experimentId: string;
  userId?: string;
  runName?: string;
  startTime?: number;
  tags?: KeyValue[];
}

/** Starts a run (status RUNNING) in an active experiment; the run name is also kept as the mlflow.runName tag. */
export async function createRun({ ctx, input }: { ctx: ProjectContext; input: CreateRunInput }): Promise<RunWithData> {
  assertCan(ctx.roles, "run.write");
  validateRunName(input.runName);
  const tags = new Map((input.tags ?? []).map((t) => (validateTag(t), [t.key, t.value])));
  const name = input.runName || tags.get(RUN_NAME_TAG) || randomRunName();
  tags.set(RUN_NAME_TAG, name);
  const exp =
    input.experimentId === DEFAULT_EXPERIMENT_ID
      ? await ensureDefaultExperiment(ctx)
      : await getExperimentRow(ctx.db, ctx.project.id, input.experimentId);
  assertExperimentActive(exp);
  const id = randomUUID();
  return ctx.db.transaction(async (tx) => {
    const [run] = await tx
      .insert(runs)
      .values({
        id,
        projectId: ctx.project.id,
        experimentId: exp.id,
        name,
        startTime: input.startTime ?? nowMs(),
        userId: ctx.actor.userId,
        mlflowUserId: input.userId ?? "",
        artifactUri: `mlflow-artifacts:/${exp.id}/${runIdHex(id)}/artifacts`,
      })
      .returning();
    await tx.insert(runTags).values([...tags].map(([key, value]) => ({ runId: id, key, value })));
    // Runboard hook (tracking/): card links from a runboard.card tag, live events for open pages.
    await afterRunWrite(tx, run!, { kind: "created", tags: [...tags].map(([key, value]) => ({ key, value })), userId: ctx.actor.userId });
    return { ...run!, data: (await runDataFor(tx, [id])).get(id)! };
  });
}

export async function getRun({ ctx, input }: { ctx: ProjectContext; input: { runId: string } }): Promise<RunWithData> {
  assertCan(ctx.roles, "run.read");
  const run = await getRunRow(ctx.db, ctx.project.id, input.runId);
  return { ...run, data: (await runDataFor(ctx.db, [run.id])).get(run.id)! };
}

export interface UpdateRunInput {
  runId: string;
  status?: RunStatus;
  endTime?: number;
  runName?: string;
}

export async function updateRun({ ctx, input }: { ctx: ProjectContext; input: UpdateRunInput }): Promise<Run> {
  assertCan(ctx.roles, "run.write");
  if (input.status && !RUN_STATUSES.includes(input.status)) throw new BadRequestError(`Invalid run status '${input.status}'`);
  validateRunName(input.runName);
  const run = await getRunRow(ctx.db, ctx.project.id, input.runId);
  assertRunActive(run);
  // MLflow's server accepts runs/update with only run_id and answers run_info unchanged.
  if (!input.status && input.endTime === undefined && !input.runName) return run;
  return ctx.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(runs)
      .set({
        ...(input.status ? { status: input.status } : {}),
        ...(input.endTime !== undefined ? { endTime: input.endTime } : {}),
        ...(input.runName ? { name: input.runName } : {}),
      })
      .where(eq(runs.id, run.id))
      .returning();
    if (input.runName) {
      await tx
        .insert(runTags)
        .values({ runId: run.id, key: RUN_NAME_TAG, value: input.runName })
        .onConflictDoUpdate({ target: [runTags.runId, runTags.key], set: { value: input.runName } });
    }
    await afterRunWrite(tx, run, { kind: "status" }); // Runboard hook (tracking/): live events
    return updated!;
  });
}

/** Soft delete: the run keeps its data, leaves searches and refuses writes until restored. */
export async function deleteRun({ ctx, input }: { ctx: ProjectContext; input: { runId: string } }) {
  assertCan(ctx.roles, "run.write");
  const run = await getRunRow(ctx.db, ctx.project.id, input.runId);
  await ctx.db
    .update(runs)
    .set({ lifecycleStage: "deleted", deletedTime: nowMs() })
    .where(and(eq(runs.id, run.id), eq(runs.projectId, ctx.project.id)));
}

export async function restoreRun({ ctx, input }: { ctx: ProjectContext; input: { runId: string } }) {
  assertCan(ctx.roles, "run.write");
  const run = await getRunRow(ctx.db, ctx.project.id, input.runId);
  await ctx.db
    .update(runs)
    .set({ lifecycleStage: "active", deletedTime: null })
    .where(and(eq(runs.id, run.id), eq(runs.projectId, ctx.project.id)));
}
