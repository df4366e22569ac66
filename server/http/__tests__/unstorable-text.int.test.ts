import { describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import type { z } from "zod";
import { count, eq } from "drizzle-orm";
import { auditEvents, experiments, runParams, runs, runTags, users } from "@/db/schema";
import { createTestProject, createTestTeam, orgCtx } from "@/db/testing";
import { withTestDb } from "@/db/with-test-db";
import { mlflowClient } from "@/server/http/mlflow/testing";
import { zodFieldErrors } from "@/server/services/format-issues";
import { createApiToken } from "@/server/services/tokens/create-api-token";
import { callerFor, restClientOf } from "@/server/trpc/testing";

// A NUL or an unpaired surrogate used to reach PostgreSQL (text: 22021, jsonb: 22P05) and answer 500.
const database = withTestDb();
const rest = restClientOf(database);
const BAD = { NUL: "a\u0000b", "lone surrogate": "a\ud800b" };
const MESSAGE = "must not contain NUL characters or unpaired surrogates";

async function workspace() {
  const team = await createTestTeam(database.db);
  const project = await createTestProject(database.db, team.org.id);
  const token = (await createApiToken({ ctx: await orgCtx(database.db, team.org.id, team.members.admin.id), input: { name: "t" } })).token;
  const card = await rest("POST", `/orgs/${team.org.slug}/projects/${project.key}/cards`, { token, body: { title: "ok" } });
  expect(card.status).toBe(200);
  return { ...team, project, token, cardKey: card.body.key as string };
}
type Ws = Awaited<ReturnType<typeof workspace>>;

const auditCount = async (orgId: string) =>
  (await database.db.select({ n: count() }).from(auditEvents).where(eq(auditEvents.orgId, orgId)))[0]!.n;

/** [what, field the answer must name, method, path, body] through the real REST adapter. */
const REST_CASES: [string, string, string, (w: Ws) => string, (bad: string) => unknown][] = [
  ["token name", "name", "POST", (w) => `/orgs/${w.org.slug}/tokens`, (bad) => ({ name: bad })],
  ["card title", "title", "POST", (w) => `/orgs/${w.org.slug}/projects/${w.project.key}/cards`, (bad) => ({ title: bad })],
  ["card description", "description", "PATCH", (w) => `/orgs/${w.org.slug}/cards/${w.cardKey}`, (bad) => ({ description: bad })],
  ["card label", "labels.0", "PATCH", (w) => `/orgs/${w.org.slug}/cards/${w.cardKey}`, (bad) => ({ labels: [bad] })],
  ["comment", "body", "POST", (w) => `/orgs/${w.org.slug}/cards/${w.cardKey}/comments`, (bad) => ({ body: bad })],
  ["project name", "name", "POST", (w) => `/orgs/${w.org.slug}/projects`, (bad) => ({ key: "NEWP", name: bad })],
  ["project description", "description", "POST", (w) => `/orgs/${w.org.slug}/projects`, (bad) => ({ key: "NEWQ", name: "ok", description: bad })],
  ["organization name", "name", "POST", () => `/orgs`, (bad) => ({ slug: "new-org", name: bad })],
  ["sprint goal", "goal", "POST", (w) => `/orgs/${w.org.slug}/projects/${w.project.key}/sprints`, (bad) => ({ name: "S1", goal: bad })],
  ["dataset licence", "licence", "POST", (w) => `/orgs/${w.org.slug}/projects/${w.project.key}/datasets`, (bad) => ({ name: "d1", licence: bad, containsPersonalData: false })],
  ["registration token name", "name", "POST", (w) => `/orgs/${w.org.slug}/runner-registration-tokens`, (bad) => ({ name: bad })],
  ["job command", "spec.command", "POST", (w) => `/orgs/${w.org.slug}/projects/${w.project.key}/jobs`, (bad) => ({ spec: { kind: "command", command: bad } })],
  ["job env value", "spec.env.X", "POST", (w) => `/orgs/${w.org.slug}/projects/${w.project.key}/jobs`, (bad) => ({ spec: { kind: "command", command: "true", env: { X: bad } } })],
];

describe("NUL and unpaired surrogates are refused with 400 naming the field, and nothing is written", () => {
  for (const [kind, bad] of Object.entries(BAD)) {
    it.each(REST_CASES)(`REST ${kind} in %s`, async (_what, field, method, path, body) => {
      const w = await workspace();
      const before = await auditCount(w.org.id);
      const res = await rest(method, path(w), { token: w.token, body: body(bad) });
      expect(res.status).toBe(400);
      expect(res.body.message).toContain(`${field}: ${MESSAGE}`);
      expect(await auditCount(w.org.id)).toBe(before);
    });

    it(`tRPC sign-up ${kind} in the name`, async () => {
      const email = `nul-${Math.random()}@example.com`;
      const err = await callerFor(database.db, null)
        .account.signUp({ email, name: bad, password: "long enough password" })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(TRPCError);
      expect((err as TRPCError).code).toBe("BAD_REQUEST");
      expect(zodFieldErrors(((err as TRPCError).cause as z.ZodError).issues)).toEqual({ name: MESSAGE });
      expect(await database.db.select().from(users).where(eq(users.email, email))).toHaveLength(0);
    });

    it(`MLflow ${kind} in names, tags, params and filters → INVALID_PARAMETER_VALUE`, async () => {
      const w = await workspace();
      const mlflow = mlflowClient(database.db, w.org.slug, w.project.key, { token: w.token });
      const exp = (await mlflow("POST", "experiments/create", { name: "ok" })).body.experiment_id as string;
      const run = (await mlflow("POST", "runs/create", { experiment_id: exp })).body.run.info.run_id as string;
      const cases: [string, string, string, unknown][] = [
        ["name", "POST", "experiments/create", { name: bad }],
        ["tags.0.value", "POST", "experiments/create", { name: "ok2", tags: [{ key: "k", value: bad }] }],
        ["run_name", "POST", "runs/create", { experiment_id: exp, run_name: bad }],
        ["tags.0.key", "POST", "runs/create", { experiment_id: exp, tags: [{ key: bad, value: "v" }] }],
        ["run_name", "POST", "runs/update", { run_id: run, run_name: bad }],
        ["value", "POST", "runs/log-parameter", { run_id: run, key: "p", value: bad }],
        ["params.0.value", "POST", "runs/log-batch", { run_id: run, params: [{ key: "p", value: bad }] }],
        ["key", "POST", "runs/set-tag", { run_id: run, key: bad, value: "v" }],
        ["filter", "POST", "runs/search", { experiment_ids: [exp], filter: `tags.x = '${bad}'` }],
        ["filter", "POST", "experiments/search", { filter: `name = '${bad}'` }],
        ["name", "POST", "registered-models/create", { name: bad }],
        ["description", "POST", "registered-models/create", { name: "m", description: bad }],
      ];
      for (const [field, method, path, body] of cases) {
        const res = await mlflow(method, path, body);
        expect(res.status, `${path} ${field}`).toBe(400);
        expect(res.body, `${path} ${field}`).toMatchObject({ error_code: "INVALID_PARAMETER_VALUE", message: expect.stringContaining(`${field}: ${MESSAGE}`) });
      }
      const tagsBefore = await database.db.select().from(runTags).where(eq(runTags.runId, run));
      expect(await database.db.select({ n: count() }).from(experiments).where(eq(experiments.projectId, w.project.id))).toEqual([{ n: 1 }]);
      expect(await database.db.select({ n: count() }).from(runs).where(eq(runs.projectId, w.project.id))).toEqual([{ n: 1 }]);
      expect(await database.db.select().from(runParams).where(eq(runParams.runId, run))).toEqual([]);
      expect(tagsBefore.every((t) => !t.value.includes("\u0000"))).toBe(true);
    });
  }
});
