import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { metrics } from "@/db/schema";
import { withTestDb } from "@/db/with-test-db";
import { parseRunId } from "@/server/services/mlflow/internal";
import { tempArtifactStore } from "../testing";
import { mlflowRunWorkspace } from "./setup";

const database = withTestDb();

describe("MLflow log-batch retried", () => {
  it("stores a point sent again (same key, step, timestamp and value) once, as MLflow does; other points still go in", async () => {
    const { mlflow, runId } = await mlflowRunWorkspace(database, tempArtifactStore());
    const batch = {
      run_id: runId,
      metrics: [
        { key: "loss", value: 0.5, timestamp: 1_700_000_000_000, step: 1 },
        { key: "loss", value: "NaN", timestamp: 1_700_000_000_001, step: 2 },
        { key: "acc", value: 0.9, timestamp: 1_700_000_000_000, step: 1 },
      ],
    };
    for (let i = 0; i < 3; i++) expect((await mlflow("POST", "runs/log-batch", batch)).status).toBe(200);
    // The same point twice in one batch, a new value at a logged step, and a new timestamp: only the repeat is dropped.
    const more = [
      { key: "loss", value: 0.4, timestamp: 1_700_000_000_002, step: 3 },
      { key: "loss", value: 0.4, timestamp: 1_700_000_000_002, step: 3 },
      { key: "loss", value: 0.45, timestamp: 1_700_000_000_000, step: 1 },
      { key: "loss", value: 0.5, timestamp: 1_700_000_000_009, step: 1 },
    ];
    expect((await mlflow("POST", "runs/log-batch", { run_id: runId, metrics: more })).status).toBe(200);
    expect((await mlflow("POST", "runs/log-metric", { run_id: runId, key: "acc", value: 0.9, timestamp: 1_700_000_000_000, step: 1 })).status).toBe(200);

    const history = await mlflow("GET", "metrics/get-history", { run_id: runId, metric_key: "loss" });
    const points = history.body.metrics.map((m: { step: number; timestamp: number; value: unknown }) => [m.step, m.timestamp, m.value]);
    expect(points).toEqual([
      [1, 1_700_000_000_000, 0.5],
      [1, 1_700_000_000_000, 0.45],
      [1, 1_700_000_000_009, 0.5],
      [2, 1_700_000_000_001, "NaN"],
      [3, 1_700_000_000_002, 0.4],
    ]);
    const acc = await mlflow("GET", "metrics/get-history", { run_id: runId, metric_key: "acc" });
    expect(acc.body.metrics).toHaveLength(1);
    const rows = await database.db.select().from(metrics).where(eq(metrics.runId, parseRunId(runId)!));
    expect(rows).toHaveLength(6);
    const run = await mlflow("GET", "runs/get", { run_id: runId });
    expect(run.body.run.data.metrics).toEqual(expect.arrayContaining([expect.objectContaining({ key: "loss", value: 0.4, step: 3 })]));
  });
});
