import { describe, expect, it } from "vitest";
import { createTestTeam, orgCtx } from "@/db/testing";
import { withTestDb } from "@/db/with-test-db";
import { createApiToken } from "@/server/services/tokens/create-api-token";
import { restClientOf } from "@/server/trpc/testing";
import { claimJob } from "../../runner-protocol/claim";
import { setupRunnerWorld } from "../../runner-protocol/__tests__/testing";

const database = withTestDb();
const rest = restClientOf(database);

describe("REST /api/v1 jobs and runners", () => {
  it("queues, reads, lists logs of and cancels a job; lists runners; outsiders see nothing", async () => {
    const w = await setupRunnerWorld(database.db);
    const token = (await createApiToken({ ctx: w.dev, input: { name: "ci" } })).token;
    const created = await rest("POST", `/orgs/${w.org.slug}/projects/${w.project.key}/jobs`, {
      token,
      body: { spec: { kind: "command", command: "python train.py", args: ["--epochs", "3"] }, gpus: 1, labels: ["gpu"], timeoutSeconds: 600, maxAttempts: 2 },
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ state: "queued", attempt: 1, maxAttempts: 2, gpus: 1, labels: ["gpu"], kind: "command", runId: expect.stringMatching(/^[0-9a-f]{32}$/) });
    const id = created.body.id as string;
    const runner = await w.addRunner("gpu-box", undefined, ["gpu"]);
    const claimed = await claimJob({ ctx: runner, input: { freeGpus: 1 } });
    expect(claimed.kind).toBe("run");
    const got = await rest("GET", `/orgs/${w.org.slug}/jobs/${id}`, { token });
    expect(got.body).toMatchObject({ id, state: "running", runner: { name: "gpu-box" }, exitCode: null, usage: null });
    expect((await rest("GET", `/orgs/${w.org.slug}/jobs/${id}/logs`, { token })).body).toEqual({ lines: [], cursor: 0 });
    const cancelled = await rest("POST", `/orgs/${w.org.slug}/jobs/${id}/cancel`, { token, body: {} });
    expect(cancelled.body).toMatchObject({ state: "running", cancelRequested: true });
    const logs = await rest("GET", `/orgs/${w.org.slug}/jobs/${id}/logs`, { token });
    expect(logs.body.lines.map((l: { text: string }) => l.text)).toEqual(["[runboard] cancel requested\n"]);
    const runners = await rest("GET", `/orgs/${w.org.slug}/runners`, { token });
    expect(runners.body).toMatchObject([{ name: "gpu-box", online: true, labels: ["gpu"], jobs: [{ id, state: "running" }] }]);
    expect((await rest("GET", `/orgs/${w.org.slug}/jobs`, { token })).body).toHaveLength(1);

    const bad = await rest("POST", `/orgs/${w.org.slug}/projects/${w.project.key}/jobs`, { token, body: { spec: { kind: "train" } } });
    expect(bad.status).toBe(400);

    const other = await createTestTeam(database.db);
    const outsider = (await createApiToken({ ctx: await orgCtx(database.db, other.org.id, other.members.admin.id), input: { name: "x" } })).token;
    expect((await rest("GET", `/orgs/${w.org.slug}/jobs/${id}`, { token: outsider })).status).toBe(404);
    expect((await rest("GET", `/orgs/${other.org.slug}/jobs/${id}`, { token: outsider })).status).toBe(404);
    expect((await rest("POST", `/orgs/${w.org.slug}/jobs/${id}/cancel`, { token: outsider, body: {} })).status).toBe(404);
  });
});
