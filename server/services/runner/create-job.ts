import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { cards, datasets, datasetVersions, experiments, jobs, projects } from "@/db/schema";
import { assertCan } from "@/server/auth/permissions";
import type { OrgContext } from "../context";
import { BadRequestError, NotFoundError } from "../errors";
import { createExperiment } from "../mlflow/experiments";
import { DEFAULT_EXPERIMENT_ID, type KeyValue, type ProjectContext } from "../mlflow/internal";
import { logInputs } from "../mlflow/logging";
import { createRun, updateRun } from "../mlflow/runs";
import { findJob, toJobOut } from "./jobs-internal";
import { CreateJobInput, type JobOut } from "./schemas";

/**
 * Queues a job and creates its MLflow run (SCHEDULED until a runner claims it), tagged with the
 * card, the job and the commit, with the chosen dataset versions recorded as the run's inputs.
 */
export async function createJob({ ctx, input }: { ctx: OrgContext; input: CreateJobInput }): Promise<JobOut> {
  assertCan(ctx.roles, "job.run");
  const req = CreateJobInput.parse(input);
  const id = randomUUID();
  await ctx.db.transaction(async (tx) => {
    const [project] = await tx.select().from(projects).where(and(eq(projects.orgId, ctx.org.id), eq(projects.key, req.key))).limit(1);
    if (!project) throw new NotFoundError(`Project ${req.key}`);
    const pctx: ProjectContext = { ...ctx, db: tx, project: { id: project.id, key: project.key } };
    const card = req.card ? await findCard(pctx, req.card) : null;
    const tags: KeyValue[] = [{ key: "runboard.job", value: id }];
    if (card) tags.push({ key: "runboard.card", value: req.card!.toUpperCase() });
    const repository = req.spec.kind === "command" ? req.spec.repository : undefined;
    if (repository?.commit) tags.push({ key: "mlflow.source.git.commit", value: repository.commit });
    if (repository) tags.push({ key: "mlflow.source.git.repoURL", value: repository.url });
    const experimentId = req.experiment ? await experimentIdFor(pctx, req.experiment) : DEFAULT_EXPERIMENT_ID;
    const run = await createRun({ ctx: pctx, input: { experimentId, tags } });
    await updateRun({ ctx: pctx, input: { runId: run.id, status: "SCHEDULED" } });
    if (req.datasets.length > 0) await recordDatasets(pctx, run.id, req.datasets);
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
  });
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

async function recordDatasets(ctx: ProjectContext, runId: string, refs: { name: string; version: number }[]) {
  const found = [];
  for (const ref of refs) {
    const [row] = await ctx.db
      .select({ sha256: datasetVersions.sha256, rows: datasetVersions.rowCount })
      .from(datasetVersions)
      .innerJoin(datasets, eq(datasets.id, datasetVersions.datasetId))
      .where(and(eq(datasets.projectId, ctx.project.id), eq(datasets.name, ref.name), eq(datasetVersions.version, ref.version)))
      .limit(1);
    if (!row) throw new NotFoundError(`Dataset ${ref.name} version ${ref.version}`);
    found.push({ ref, row });
  }
  await logInputs({
    ctx,
    input: {
      runId,
      datasets: found.map(({ ref, row }) => ({
        tags: [{ key: "mlflow.data.context", value: "training" }],
        dataset: {
          name: ref.name,
          digest: row.sha256.slice(0, 16),
          sourceType: "runboard",
          source: JSON.stringify({ dataset: ref.name, version: ref.version, sha256: row.sha256 }),
          profile: JSON.stringify({ num_rows: row.rows }),
        },
      })),
    },
  });
}
