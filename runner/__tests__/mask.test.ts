import { describe, expect, it } from "vitest";
import type { RunnerClient } from "../client";
import { LogShipper } from "../logs";
import { maskSecrets, SecretMasker, secretValues } from "../mask";
import type { LogsRequest } from "../protocol";

describe("secret masking", () => {
  it("masks whole occurrences, longest secret first", () => {
    expect(maskSecrets("a hunter2 b hunter2hunter2", ["hunter2"])).toBe("a *** b ******");
    expect(maskSecrets("token=abc-def", ["abc", "abc-def"].sort((a, b) => b.length - a.length))).toBe("token=***");
  });

  it("secretValues takes the env values named in secretEnv, ignoring empty ones", () => {
    expect(secretValues({ kind: "command", env: { A: "s3cret", B: "", C: "public" }, secretEnv: ["A", "B", "MISSING"] })).toEqual(["s3cret"]);
    expect(secretValues({ kind: "train" })).toEqual([]);
  });

  it("a secret split across writes at every possible boundary is still masked", () => {
    const secret = "sk-live-0123456789";
    const text = `before ${secret} middle ${secret}${secret} after s`;
    for (let cut = 0; cut <= text.length; cut++) {
      for (const step of [1, 2, 3, 7]) {
        const m = new SecretMasker([secret, "xyz"]);
        let out = m.push(text.slice(0, cut));
        for (let i = cut; i < text.length; i += step) out += m.push(text.slice(i, i + step));
        out += m.end();
        expect(out).toBe("before *** middle ****** after s");
      }
    }
  });

  it("holds back only a possible prefix, and releases it when it cannot complete", () => {
    const m = new SecretMasker(["password"]);
    expect(m.push("my pass")).toBe("my ");
    expect(m.push("port")).toBe("passport");
    expect(m.push("pa")).toBe("");
    expect(m.end()).toBe("pa");
  });

  it("the log shipper never sends a secret, even split across writes and chunk flushes", async () => {
    const sent: LogsRequest[] = [];
    const client = { logs: (_id: string, body: LogsRequest) => (sent.push(body), Promise.resolve({ accepted: body.chunks.length, duplicates: 0, cancelRequested: false })) };
    const shipper = new LogShipper(client as unknown as RunnerClient, "job", "lease", { onLost: () => undefined, onCancel: () => undefined, log: () => undefined }, 60_000, ["TOPSECRET"]);
    shipper.write("stdout", "key=TOP");
    await shipper.flush();
    shipper.write("stdout", "SECRET\nagain TOPSE");
    await shipper.flush();
    shipper.write("stdout", "CRET");
    shipper.write("stderr", "TOPSECRET on stderr\n");
    await shipper.flush(true);
    shipper.stop();
    const text = sent.flatMap((r) => r.chunks.map((c) => c.text)).join("");
    expect(text).not.toContain("TOPSECRET");
    expect(text).toContain("key=***\n");
    expect(text).toContain("again ***");
    expect(text).toContain("*** on stderr");
  });
});
