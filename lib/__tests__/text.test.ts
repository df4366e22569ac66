import { describe, expect, it } from "vitest";
import { LogChunk, RegisterRequest } from "@/runner/protocol";
import { findUnstorable, isStorableText, toStorableText } from "../text";

describe("storable text", () => {
  it("accepts paired surrogates and refuses NUL and unpaired surrogates", () => {
    expect(isStorableText("ok 😀 é")).toBe(true);
    for (const bad of ["\u0000", "a\ud800", "\udc00b", "\ud800\ud800"]) expect(isStorableText(bad)).toBe(false);
  });

  it("finds the first unstorable string or key in a JSON value, however deep", () => {
    expect(findUnstorable({ a: [1, { b: "x\u0000" }] })).toEqual(["a", 1, "b"]);
    expect(findUnstorable({ ["k\ud800"]: 1 })).toEqual(["k\ud800"]);
    let deep: unknown = "\u0000";
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findUnstorable(deep)).toHaveLength(100_000);
    expect(findUnstorable({ a: "fine" })).toBeUndefined();
  });

  it("replaces them in machine-written text (runner logs) and refuses them in what a person chose", () => {
    expect(toStorableText("a\u0000b\ud800")).toBe("a\ufffdb\ufffd");
    expect(LogChunk.parse({ seq: 0, stream: "stdout", text: "bin\u0000ary" }).text).toBe("bin\ufffdary");
    const reg = RegisterRequest.safeParse({ registrationToken: "rbr_x", name: "gpu\u0000box", resources: { cpus: 1, memoryBytes: 1, gpus: [] } });
    expect(reg.error?.issues).toEqual([expect.objectContaining({ path: ["name"], message: "must not contain NUL characters or unpaired surrogates" })]);
  });
});
