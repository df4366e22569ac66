import { and, eq } from "drizzle-orm";
import { cardLinks, cards, experiments, experimentTags, projects, users } from "@/db/schema";
import type { OrgContext } from "../context";
import { getRun as getMlflowRun } from "../mlflow/runs";
import { runIdHex } from "../mlflow/internal";
import { projectScope } from "../projects/project-scope";
import { GIT_COMMIT_TAG, KEY_METRIC_TAG } from "@/lib/run-tags";
import type { GetRunInput } from "./schemas";

/** A run with its params, tags, dataset inputs, git commit, latest metric values and the cards it is linked to. */
export async function getRun({ ctx, input }: { ctx: OrgContext; input: GetRunInput }) {
  const p = await projectScope(ctx, input.key, "run.read");
  const run = await getMlflowRun({ ctx: p, input: { runId: input.runId } });
  const [[exp], [user], linked] = await Promise.all([
    ctx.db
      .select({ id: experiments.id, name: experiments.name, keyMetric: experimentTags.value })
      .from(experiments)
      .leftJoin(experimentTags, and(eq(experimentTags.experimentId, experiments.id), eq(experimentTags.key, KEY_METRIC_TAG)))
      .where(eq(experiments.id, run.experimentId)),
    run.userId ? ctx.db.select({ name: users.name }).from(users).where(eq(users.id, run.userId)) : Promise.resolve([]),
    ctx.db
      .select({ linkId: cardLinks.id, number: cards.number, projectKey: projects.key, title: cards.title })
      .from(cardLinks)
      .innerJoin(cards, eq(cards.id, cardLinks.cardId))
      .innerJoin(projects, eq(projects.id, cards.projectId))
      .where(and(eq(cardLinks.kind, "run"), eq(cardLinks.target, run.id), eq(cards.orgId, ctx.org.id))),
  ]);
  const tags = run.data.tags;
  return {
    id: runIdHex(run.id),
    name: run.name,
    status: run.status,
    startTime: run.startTime,
    endTime: run.endTime,
    user: user?.name ?? (run.mlflowUserId || null),
    artifactUri: run.artifactUri,
    experiment: { id: String(exp!.id), name: exp!.name, keyMetric: exp!.keyMetric ?? null },
    gitCommit: tags.find((t) => t.key === GIT_COMMIT_TAG)?.value ?? null,
    params: run.data.params,
    tags,
    metrics: run.data.metrics,
    inputs: run.data.inputs.map((i) => ({ name: i.name, digest: i.digest, sourceType: i.sourceType, source: i.source, tags: i.tags })),
    cards: linked.map((l) => ({ linkId: l.linkId, key: `${l.projectKey}-${l.number}`, title: l.title })),
  };
}
