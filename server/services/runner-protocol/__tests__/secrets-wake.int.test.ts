import { describe, expect, it } from "vitest";
import { withTestDb } from "@/db/with-test-db";
import { appendLogs } from "../append-logs";
import { claimJob } from "../claim";
import { completeJob } from "../complete";
import { getJob, getJobLogs, listJobs } from "../../jobs/read-jobs";
import { setupRunnerWorld } from "./testing";

const database = withTestDb();

describe("job secrets and claim wake-ups", () => {
  it("the server masks secret values again on append (an agent that did not), and the jobs API shows only their names", async () => {
    const w = await setupRunnerWorld(database.db);
    const runner = await w.addRunner("r1");
    const secret = "pw-9f8e7d6c5b";
    const job = await w.queue({ spec: { kind: "command", command: "echo $TOKEN", env: { TOKEN: secret, OTHER: "x" }, secretEnv: ["TOKEN"] } });
    for (const out of [job, await getJob({ ctx: w.dev, input: { id: job.id } }), ...(await listJobs({ ctx: w.dev, input: {} }))]) {
      expect(JSON.stringify(out)).not.toContain(secret);
      expect(out.spec).toMatchObject({ env: { TOKEN: "***", OTHER: "x" }, secretEnv: ["TOKEN"] });
    }
    const claimed = await claimJob({ ctx: runner, input: { freeGpus: 0 } });
    if (claimed.kind !== "run") throw new Error("no job");
    expect(claimed.job.spec).toMatchObject({ env: { TOKEN: secret } }); // the runner holding the lease needs it
    await appendLogs({ ctx: runner, jobId: job.id, input: { leaseId: claimed.job.leaseId, chunks: [{ seq: 0, stream: "stdout", text: `token ${secret} ${secret}\n` }] } });
    const logs = await getJobLogs({ ctx: w.dev, input: { id: job.id, attempt: 1 } });
    expect(logs.lines.map((l) => l.text)).toEqual(["token *** ***\n"]);
    // A failure reason that quotes the secret is masked too.
    const usage = { wallSeconds: 1, gpuSeconds: 0, energyWh: 0, energySource: "cpu-estimate" as const, cost: 0 };
    const done = await completeJob({ ctx: runner, jobId: job.id, input: { leaseId: claimed.job.leaseId, status: "failed", exitCode: 1, failureReason: `auth failed for ${secret}`, usage } });
    expect(done.failureReason).toBe("auth failed for ***");
    expect(JSON.stringify(await getJob({ ctx: w.dev, input: { id: job.id } }))).not.toContain(secret);
  });

  it("a long-polling claim wakes up as soon as a job is queued, not at its next poll", async () => {
    const w = await setupRunnerWorld(database.db);
    const runner = await w.addRunner("waiter");
    const started = Date.now();
    const pending = claimJob({ ctx: runner, input: { freeGpus: 0, waitMs: 20_000 }, opts: { pollMs: 10_000 } });
    await new Promise((r) => setTimeout(r, 300));
    const queuedAt = Date.now();
    const job = await w.queue();
    const res = await pending;
    expect(res.kind === "run" && res.job.id).toBe(job.id);
    expect(Date.now() - queuedAt).toBeLessThan(1000);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
