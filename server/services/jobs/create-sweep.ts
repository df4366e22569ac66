import { randomUUID } from "node:crypto";
import { z } from "zod";
import { text } from "@/lib/text";
import { assertCan } from "@/server/auth/permissions";
import type { OrgContext } from "../context";
import { BadRequestError } from "../errors";
import { logBatch } from "../mlflow/logging";
import { projectScope } from "../projects/project-scope";
import { SWEEP_TAG } from "@/lib/run-tags";
import { formatZodIssues } from "../format-issues";
import { createJob } from "./create-job";
import { CreateJobInput, type JobOut } from "./schemas";

export const MAX_SWEEP_JOBS = 50;

const ParamKey = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_.-]{0,99}$/, "parameter names are letters, digits, '_', '.' or '-' (at most 100), starting with a letter or '_'");

export const CreateSweepInput = z.object({
  job: CreateJobInput,
  /** Each parameter with its values; one job per combination (the cartesian product). */
  params: z
    .array(z.object({ key: ParamKey, values: z.array(text().max(6000)).min(1, "give at least one value").max(MAX_SWEEP_JOBS) }))
    .max(30)
    .default([])
    .superRefine((ps, ctx) => {
      const seen = new Set<string>();
      ps.forEach((p, i) => {
        if (seen.has(p.key)) ctx.addIssue({ code: "custom", path: [i, "key"], message: `parameter ${p.key} is given twice` });
        seen.add(p.key);
      });
    }),
});
export type CreateSweepInput = z.input<typeof CreateSweepInput>;

/** PARAM_<KEY>: the key upper-cased, characters that cannot be in an environment variable name as '_'. */
export const paramEnvName = (key: string) => `PARAM_${key.toUpperCase().replace(/[^A-Z0-9_]/g, "_")}`;

/** The cartesian product of the parameters' values, in the order given (the last parameter varies fastest). */
export function sweepGrid(params: { key: string; values: string[] }[]): Record<string, string>[] {
  return params.reduce<Record<string, string>[]>((grid, p) => grid.flatMap((combo) => p.values.map((v) => ({ ...combo, [p.key]: v }))), [{}]);
}

export function sweepSize(params: { values: string[] }[]): number {
  return params.reduce((n, p) => n * p.values.length, 1);
}

/**
 * Queues one job per combination of parameter values (a single job without parameters), each with
 * its values in the environment as PARAM_<KEY> (or, for built-in kinds, in the settings they name) and recorded as its run's params. The whole grid is
 * validated first and the jobs are created in one transaction: all of them or none.
 */
export async function createSweep({ ctx, input }: { ctx: OrgContext; input: CreateSweepInput }): Promise<JobOut[]> {
  assertCan(ctx.roles, "job.run");
  const req = CreateSweepInput.parse(input);
  const size = sweepSize(req.params);
  if (size > MAX_SWEEP_JOBS) {
    throw new BadRequestError(`this sweep has ${size} combinations; at most ${MAX_SWEEP_JOBS} jobs can be queued at once`, { field: "params" });
  }
  const grid = sweepGrid(req.params);
  const envNames = new Map<string, string>();
  for (const p of req.params) {
    const name = paramEnvName(p.key);
    if (envNames.has(name)) throw new BadRequestError(`${p.key} and ${envNames.get(name)} both become ${name}`, { field: "params" });
    envNames.set(name, p.key);
  }
  const inputs = grid.map((combo, i) => {
    const spec = withParams(req.job.spec, combo);
    const parsed = CreateJobInput.safeParse({ ...req.job, spec });
    if (!parsed.success) {
      const issues = parsed.error.issues.map((iss) => ({ ...iss, path: ["job", ...iss.path] }));
      if (grid.length > 1) {
        const which = `combination ${i + 1} (${Object.entries(combo).map(([k, v]) => `${k}=${v}`).join(", ")})`;
        throw new BadRequestError(`${which}: ${formatZodIssues(issues)}`, { field: "params" });
      }
      const [only] = issues;
      if (issues.length === 1 && only) throw new BadRequestError(only.message, { field: only.path.map(String).join(".") });
      throw new BadRequestError(formatZodIssues(issues));
    }
    return { input: parsed.data, combo };
  });

  const sweepId = grid.length > 1 ? randomUUID() : null;
  return ctx.db.transaction(async (tx) => {
    const pctx = await projectScope({ ...ctx, db: tx }, req.job.key, "project.read");
    const created: JobOut[] = [];
    for (const { input: jobInput, combo } of inputs) {
      const job = await createJob({ ctx: { ...ctx, db: tx }, input: jobInput });
      const params = Object.entries(combo).map(([key, value]) => ({ key, value }));
      const tags = sweepId ? [{ key: SWEEP_TAG, value: sweepId }] : [];
      if (params.length || tags.length) await logBatch({ ctx: pctx, input: { runId: job.runId, params, tags } });
      created.push(job);
    }
    return created;
  });
}

/** command: the values as PARAM_<KEY> variables; built-in kinds: a value whose key names a setting (epochs, learningRate …) sets it. */
function withParams(spec: CreateJobInput["spec"], combo: Record<string, string>): CreateJobInput["spec"] {
  if (Object.keys(combo).length === 0) return spec;
  if (spec.kind === "command") {
    const env = Object.fromEntries(Object.entries(combo).map(([k, v]) => [paramEnvName(k), v]));
    return { ...spec, env: { ...spec.env, ...env } };
  }
  const out: Record<string, unknown> = { ...spec };
  for (const [k, v] of Object.entries(combo)) {
    if (k === "kind" || !(k in out) || (out[k] !== null && typeof out[k] === "object")) continue;
    out[k] = typeof out[k] === "number" ? (v.trim() === "" ? NaN : Number(v)) : v;
  }
  return out as CreateJobInput["spec"];
}
