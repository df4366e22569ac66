import { describe, expect, it } from "vitest";
import type { RunnerClient } from "../client";
import { LogShipper } from "../logs";
import { BODY_LIMITS, type LogsRequest } from "../protocol";

describe("log shipping", () => {
  it("sends a large backlog in requests that stay under the server's logs cap, in order", async () => {
    const sizes: number[] = [];
    const seqs: number[] = [];
    const client = {
      logs: (_id: string, body: LogsRequest) => {
        sizes.push(Buffer.byteLength(JSON.stringify(body)));
        seqs.push(...body.chunks.map((c) => c.seq));
        return Promise.resolve({ accepted: body.chunks.length, duplicates: 0, cancelRequested: false });
      },
    };
    const shipper = new LogShipper(client as unknown as RunnerClient, "job", "lease", { onLost: () => undefined, onCancel: () => undefined, log: () => undefined }, 60_000);
    // 20 chunks of ~300k characters that JSON escapes to 6 bytes each: ~36 MB if sent as one request.
    for (let i = 0; i < 20; i++) shipper.write("stdout", `${"\u0001".repeat(300_000)}\n`);
    await shipper.flush(true);
    shipper.stop();
    expect(sizes.length).toBeGreaterThan(1);
    for (const size of sizes) expect(size).toBeLessThan(BODY_LIMITS.logs);
    expect(seqs).toEqual([...seqs.keys()]);
  });
});
