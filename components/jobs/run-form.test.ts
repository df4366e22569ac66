import { describe, expect, it } from "vitest";
import { gridSize, serverFieldErrors, splitValues } from "./run-form";

describe("run experiment form helpers", () => {
  it("counts the sweep grid", () => {
    expect(splitValues("0.1, 0.01")).toEqual(["0.1", "0.01"]);
    expect(gridSize([{ key: "lr", value: "0.1,0.01" }, { key: "bs", value: "32,64,128" }, { key: "seed", value: "1" }])).toBe(6);
    expect(gridSize([])).toBe(1);
  });
  it("maps server messages to fields", () => {
    expect(serverFieldErrors("job.spec.command: Too small; job.gpus: too big; something else")).toEqual({
      form: "something else",
      fields: { command: "Too small", gpus: "Too big" },
    });
    expect(serverFieldErrors("combination 2 (lr=20): job.spec.learningRate: Too big").fields).toEqual({ params: "Combination 2 (lr=20): job.spec.learningRate: Too big" });
    expect(serverFieldErrors("job.timeoutSeconds: Too big").fields).toEqual({ timeout: "Too big" });
  });
});
