import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { ArtifactStore, safeArtifactPath } from "../artifact-store";

describe("safeArtifactPath", () => {
  it("accepts ordinary nested paths and normalises a trailing slash", () => {
    expect(safeArtifactPath("model/model.onnx")).toBe("model/model.onnx");
    expect(safeArtifactPath("plots/")).toBe("plots");
    expect(safeArtifactPath("metrics v2.json")).toBe("metrics v2.json");
  });
  it.each([
    ["../etc/passwd"],
    ["a/../../b"],
    ["..%2fetc"],
    ["%252e%252e%252fetc"],
    ["a\\..\\b"],
    ["a/;/b"],
    ["a/..;/b"],
    ["/etc/passwd"],
    ["C:/Windows"],
    ["a/\u0000b"],
    ["a//b"],
    ["./a"],
    [""],
  ])("refuses %j with a 400", (input) => {
    expect(() => safeArtifactPath(input)).toThrow(expect.objectContaining({ code: "BAD_REQUEST" }));
  });
});

describe("ArtifactStore", () => {
  it("writes atomically with a sha256, reads back and lists", async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), "rb-store-"));
    const store = new ArtifactStore(root);
    const put = await store.put("runs/r1/artifacts/hello.txt", Readable.from([Buffer.from("hello "), Buffer.from("world")]));
    expect(put).toEqual({ size: 11, sha256: "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9" });
    expect(readFileSync(path.join(root, "runs/r1/artifacts/hello.txt"), "utf8")).toBe("hello world");
    expect(await store.list("runs/r1/artifacts")).toEqual([{ path: "runs/r1/artifacts/hello.txt", isDir: false, size: 11 }]);
    expect(readdirSync(path.join(root, ".tmp"))).toEqual([]);
  });

  it("never writes outside its root, even for a path that would", async () => {
    const parent = mkdtempSync(path.join(os.tmpdir(), "rb-store-"));
    const store = new ArtifactStore(path.join(parent, "store"));
    writeFileSync(path.join(parent, "secret.txt"), "keep");
    await expect(store.put("../secret.txt", Readable.from([Buffer.from("x")]))).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(store.read("../secret.txt")).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(readFileSync(path.join(parent, "secret.txt"), "utf8")).toBe("keep");
  });

  it("stops an upload over the size limit and leaves nothing behind", async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), "rb-store-"));
    const store = new ArtifactStore(root);
    await expect(store.put("big.bin", Readable.from([Buffer.alloc(600), Buffer.alloc(600)]), { maxBytes: 1000 })).rejects.toThrow(/at most 1000 bytes/);
    expect(await store.stat("big.bin")).toBeNull();
    expect(readdirSync(path.join(root, ".tmp"))).toEqual([]);
  });

  it("treats a path below a file as missing (not found, empty listing), not as a server error", async () => {
    const store = new ArtifactStore(mkdtempSync(path.join(os.tmpdir(), "rb-store-")));
    await store.put("a/b.txt", Readable.from([Buffer.from("x")]));
    expect(await store.stat("a/b.txt/c")).toBeNull();
    await expect(store.read("a/b.txt/c")).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await store.list("a/b.txt")).toEqual([]);
  });
});
