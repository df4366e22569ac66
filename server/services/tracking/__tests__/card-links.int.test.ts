import { describe, expect, it } from "vitest";
import { withTestDb } from "@/db/with-test-db";
import { mlflowWorkspace } from "@/server/http/mlflow/__tests__/setup";
import { callerFor, restClient } from "@/server/trpc/testing";
import { tokenFor } from "@/server/http/mlflow/__tests__/setup";

const database = withTestDb();

describe("card links", () => {
  it("links a run to the card its runboard.card tag names (create-run, set-tag, log-batch) and shows its live state", async () => {
    const ws = await mlflowWorkspace(database);
    const admin = callerFor(database.db, ws.members.admin);
    const card = await admin.cards.create({ org: ws.org.slug, key: ws.project.key, title: "Train churn model" });
    const card2 = await admin.cards.create({ org: ws.org.slug, key: ws.project.key, title: "Second" });
    const exp = (await ws.mlflow("POST", "experiments/create", { name: "e", tags: [{ key: "runboard.key_metric", value: "auc" }] })).body.experiment_id;

    const a = (await ws.mlflow("POST", "runs/create", { experiment_id: exp, run_name: "a", tags: [{ key: "runboard.card", value: card.key }] })).body.run.info.run_id;
    const b = (await ws.mlflow("POST", "runs/create", { experiment_id: exp, run_name: "b" })).body.run.info.run_id;
    await ws.mlflow("POST", "runs/set-tag", { run_id: b, key: "runboard.card", value: card2.key.toLowerCase() });
    const c = (await ws.mlflow("POST", "runs/create", { experiment_id: exp, run_name: "c" })).body.run.info.run_id;
    await ws.mlflow("POST", "runs/log-batch", { run_id: c, tags: [{ key: "runboard.card", value: `${card.key}, NOPE-1` }], params: [{ key: "epochs", value: "10" }] });
    await ws.mlflow("POST", "runs/set-tag", { run_id: a, key: "runboard.card", value: card.key }); // again: no duplicate

    const links = await admin.runs.links.list({ org: ws.org.slug, cardKey: card.key });
    expect(links.map((l) => [l.kind, l.target, l.run?.name])).toEqual([
      ["run", a, "a"],
      ["run", c, "c"],
    ]);
    expect((await admin.runs.links.list({ org: ws.org.slug, cardKey: card2.key })).map((l) => l.target)).toEqual([b]);

    await ws.mlflow("POST", "runs/log-batch", {
      run_id: c,
      metrics: [
        { key: "loss", value: 0.5, timestamp: 1, step: 0 },
        { key: "auc", value: 0.8, timestamp: 2, step: 4 },
      ],
    });
    await ws.mlflow("POST", "runs/set-tag", { run_id: a, key: "runboard.progress", value: "40%" });
    await ws.mlflow("POST", "runs/update", { run_id: b, status: "FAILED" });
    const state = await callerFor(database.db, ws.members.viewer).runs.linkState({ org: ws.org.slug, key: ws.project.key });
    const of = (k: string) => state.find((s) => s.cardKey === k)!.runs;
    expect(of(card.key).find((r) => r.id === c)).toMatchObject({ status: "RUNNING", progress: 0.5, keyMetric: { key: "auc", value: 0.8, step: 4 } });
    expect(of(card.key).find((r) => r.id === a)).toMatchObject({ progress: 0.4, keyMetric: null });
    expect(of(card2.key)).toMatchObject([{ id: b, status: "FAILED" }]);
    expect((await admin.runs.get({ org: ws.org.slug, key: ws.project.key, runId: c })).cards).toMatchObject([{ key: card.key }]);
  });

  it("links and unlinks through the REST API; viewers get 403, other organizations 404", async () => {
    const ws = await mlflowWorkspace(database);
    const admin = callerFor(database.db, ws.members.admin);
    const card = await admin.cards.create({ org: ws.org.slug, key: ws.project.key, title: "Card" });
    const exp = (await ws.mlflow("POST", "experiments/create", { name: "e" })).body.experiment_id;
    const runId = (await ws.mlflow("POST", "runs/create", { experiment_id: exp })).body.run.info.run_id;
    const rest = restClient(database.db);
    const token = await tokenFor(database, ws.org.id, ws.members.data_scientist.id);
    const path = `/orgs/${ws.org.slug}/cards/${card.key}/links`;

    const created = await rest("POST", path, { token, body: { kind: "run", target: runId } });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ kind: "run", target: runId });
    expect((await rest("POST", path, { token, body: { kind: "run", target: runId } })).body.id).toBe(created.body.id);
    expect((await rest("POST", path, { token, body: { kind: "commit", target: "ABCDEF1234" } })).body.target).toBe("abcdef1234");
    expect((await rest("POST", path, { token, body: { kind: "commit", target: "not a sha" } })).status).toBe(400);
    const listed = await rest("GET", path, { token });
    expect(listed.status).toBe(200);
    expect(listed.body).toHaveLength(2);

    const viewerToken = await tokenFor(database, ws.org.id, ws.members.viewer.id);
    expect((await rest("GET", path, { token: viewerToken })).status).toBe(200);
    expect((await rest("POST", path, { token: viewerToken, body: { kind: "run", target: runId } })).status).toBe(403);
    expect((await rest("DELETE", `${path}/${created.body.id}`, { token: viewerToken })).status).toBe(403);

    const other = await mlflowWorkspace(database);
    const otherToken = await tokenFor(database, other.org.id, other.members.admin.id);
    expect((await rest("GET", path, { token: otherToken })).status).toBe(404);
    const otherCard = await callerFor(database.db, other.members.admin).cards.create({ org: other.org.slug, key: other.project.key, title: "X" });
    // a run of another organization cannot be linked: it is not found
    expect((await rest("POST", `/orgs/${other.org.slug}/cards/${otherCard.key}/links`, { token: otherToken, body: { kind: "run", target: runId } })).status).toBe(404);

    expect((await rest("DELETE", `${path}/${created.body.id}`, { token })).status).toBe(200);
    expect((await rest("DELETE", `${path}/${created.body.id}`, { token })).status).toBe(404);
    expect((await rest("GET", path, { token })).body).toHaveLength(1);
  });
});
