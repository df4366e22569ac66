import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { cards, datasets, datasetVersions, experiments, jobs, modelVersions, registeredModels } from "@/db/schema";
import type { JobSpec } from "@/runner/protocol";
import { assertCan } from "@/server/auth/permissions";
import type { OrgContext, ProjectContext } from "../context";
import { BadRequestError, NotFoundError } from "../errors";
import { createExperiment } from "../mlflow/experiments";
import { DEFAULT_EXPERIMENT_ID, type KeyValue } from "../mlflow/internal";
import { logBatch, logInputs } from "../mlflow/logging";
import { createRun, updateRun } from "../mlflow/runs";
import { projectScope } from "../projects/project-scope";
import { CARD_TAG, GIT_COMMIT_TAG, GIT_REPO_URL_TAG, JOB_KIND_TAG, JOB_TAG } from "@/lib/run-tags";
import { findJob, toJobOut } from "./internal";
import { CreateJobInput, type JobOut } from "./schemas";
import { notifyJobQueued, wakeJobWaiters } from "../runner-protocol/wake";

/**
 * Queues a job and creates its MLflow run (SCHEDULED until a runner claims it), tagged with the
 * card, the job and the commit, with the chosen dataset versions recorded as the run's inputs.
 */
export async function createJob({ ctx, input }: { ctx: OrgContext; input: CreateJobInput }): Promise<JobOut> {
  assertCan(ctx.roles, "job.run");
  const req = CreateJobInput.parse(input);
  const id = randomUUID();
  await ctx.db.transaction(async (tx) => {
    const pctx = await projectScope({ ...ctx, db: tx }, req.key, "project.read");
    const { project } = pctx;
    const card = req.card ? await findCard(pctx, req.card) : null;
    const tags: KeyValue[] = [{ key: JOB_TAG, value: id }];
    if (card) tags.push({ key: CARD_TAG, value: req.card!.toUpperCase() });
    const repository = req.spec.kind === "command" ? req.spec.repository : undefined;
    if (repository?.commit) tags.push({ key: GIT_COMMIT_TAG, value: repository.commit });
    if (repository) tags.push({ key: GIT_REPO_URL_TAG, value: repository.url });
    const experimentId = req.experiment ? await experimentIdFor(pctx, req.experiment) : DEFAULT_EXPERIMENT_ID;
    tags.push({ key: JOB_KIND_TAG, value: req.spec.kind });
    const builtin = req.spec.kind === "command" ? null : await checkBuiltin(pctx, req.spec);
    if (builtin) tags.push(...builtin.tags);
    const run = await createRun({ ctx: pctx, input: { experimentId, tags } });
    await updateRun({ ctx: pctx, input: { runId: run.id, status: "SCHEDULED" } });
    const inputs = req.datasets.map((ref) => ({ ref, context: "training" }));
    if (req.spec.kind !== "command") {
      const own = req.spec.dataset;
      const context = req.spec.kind === "train" ? "training" : "evaluation";
      const i = inputs.findIndex((d) => d.ref.name === own.name && d.ref.version === own.version);
      if (i >= 0) inputs[i]!.context = context;
      else inputs.unshift({ ref: own, context });
    }
    if (inputs.length > 0) await recordDatasets(pctx, run.id, inputs);
    if (builtin) await logBatch({ ctx: pctx, input: { runId: run.id, params: builtin.params } });
    await tx.insert(jobs).values({
      id,
      orgId: ctx.org.id,
      projectId: project.id,
      cardId: card?.id ?? null,
      runId: run.id,
      kind: req.spec.kind,
      spec: req.spec,
      gpus: req.gpus,
      labels: [...new Set(req.labels)],
      maxAttempts: req.maxAttempts,
      timeoutSeconds: req.timeoutSeconds,
      createdBy: ctx.actor.userId,
    });
    await notifyJobQueued(tx, ctx.org.id);
  });
  wakeJobWaiters(ctx.org.id);
  return toJobOut(await findJob(ctx.db, ctx, id));
}

async function findCard(ctx: ProjectContext, ref: string) {
  const [prefix, num] = [ref.slice(0, ref.lastIndexOf("-")).toUpperCase(), Number(ref.slice(ref.lastIndexOf("-") + 1))];
  if (prefix !== ctx.project.key) throw new BadRequestError(`Card ${ref} is not in project ${ctx.project.key}`);
  const [card] = await ctx.db
    .select({ id: cards.id })
    .from(cards)
    .where(and(eq(cards.projectId, ctx.project.id), eq(cards.number, num)))
    .limit(1);
  if (!card) throw new NotFoundError(`Card ${ref}`);
  return card;
}

async function experimentIdFor(ctx: ProjectContext, name: string) {
  const [exp] = await ctx.db
    .select({ id: experiments.id })
    .from(experiments)
    .where(and(eq(experiments.projectId, ctx.project.id), eq(experiments.name, name)))
    .limit(1);
  if (exp) return String(exp.id);
  const created = await createExperiment({ ctx, input: { name } });
  return String(created.id);
}

/**
 * A built-in job's dataset version (and, for `evaluate`, model version) must exist in the job's
 * project: 404 naming the spec field otherwise. Gives the run's params and tags.
 */
async function checkBuiltin(ctx: ProjectContext, spec: Exclude<JobSpec, { kind: "command" }>) {
  await findDatasetVersion(ctx, spec.dataset, "spec.dataset");
  const params: KeyValue[] = [{ key: "dataset", value: `${spec.dataset.name}@${spec.dataset.version}` }];
  const tags: KeyValue[] = [];
  if (spec.kind === "train") {
    params.push(
      { key: "model", value: spec.model },
      { key: "target", value: spec.target },
      { key: "features", value: spec.features ? spec.features.join(",") : "(all numeric)" },
      { key: "epochs", value: String(spec.epochs) },
      { key: "learning_rate", value: String(spec.learningRate) },
      { key: "batch_size", value: String(spec.batchSize) },
      { key: "validation_fraction", value: String(spec.validationFraction) },
      { key: "seed", value: String(spec.seed) },
      { key: "register_as", value: spec.registerAs },
    );
    if (spec.model === "mlp") params.push({ key: "hidden", value: spec.hidden.join(",") });
  } else {
    const [mv] = await ctx.db
      .select({ id: modelVersions.id })
      .from(modelVersions)
      .innerJoin(registeredModels, eq(registeredModels.id, modelVersions.modelId))
      .where(and(eq(registeredModels.projectId, ctx.project.id), eq(registeredModels.name, spec.model.name), eq(modelVersions.version, spec.model.version)))
      .limit(1);
    if (!mv) {
      throw new NotFoundError("Model version", `model ${spec.model.name} version ${spec.model.version} not found in project ${ctx.project.key}`, { field: "spec.model" });
    }
    params.push({ key: "model_version", value: `${spec.model.name}/${spec.model.version}` });
    if (spec.target) params.push({ key: "target", value: spec.target });
    if (spec.positiveLabel !== undefined) params.push({ key: "positive_label", value: spec.positiveLabel });
    tags.push({ key: "runboard.model_version", value: `${spec.model.name}/${spec.model.version}` });
  }
  return { params, tags };
}

async function datasetVersionRow(ctx: ProjectContext, ref: { name: string; version: number }) {
  const [row] = await ctx.db
    .select({ sha256: datasetVersions.sha256, rows: datasetVersions.rowCount })
    .from(datasetVersions)
    .innerJoin(datasets, eq(datasets.id, datasetVersions.datasetId))
    .where(and(eq(datasets.projectId, ctx.project.id), eq(datasets.name, ref.name), eq(datasetVersions.version, ref.version)))
    .limit(1);
  return row;
}

async function findDatasetVersion(ctx: ProjectContext, ref: { name: string; version: number }, field: string) {
  const row = await datasetVersionRow(ctx, ref);
  if (!row) throw new NotFoundError("Dataset version", `dataset ${ref.name} version ${ref.version} not found in project ${ctx.project.key}`, { field });
  return row;
}

async function recordDatasets(ctx: ProjectContext, runId: string, inputs: { ref: { name: string; version: number }; context: string }[]) {
  const found = [];
  for (const { ref, context } of inputs) {
    const row = await datasetVersionRow(ctx, ref);
    if (!row) throw new NotFoundError(`Dataset ${ref.name} version ${ref.version}`);
    found.push({ ref, row, context });
  }
  await logInputs({
    ctx,
    input: {
      runId,
      datasets: found.map(({ ref, row, context }) => ({
        tags: [{ key: "mlflow.data.context", value: context }],
        dataset: {
          name: ref.name,
          digest: row.sha256.slice(0, 16),
          sourceType: "runboard",
          // The uri names the version the way lineage looks it up (…/datasets/<name>/versions/<n>).
          source: JSON.stringify({ uri: `runboard:datasets/${encodeURIComponent(ref.name)}/versions/${ref.version}`, sha256: row.sha256 }),
          profile: JSON.stringify({ num_rows: row.rows }),
        },
      })),
    },
  });
}
