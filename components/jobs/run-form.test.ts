import { describe, expect, it } from "vitest";
import { fieldForPath, gridSize, initialRunForm, serverFieldErrors, splitValues, toJobInput, toSweepInput, type RunFormState } from "./run-form";

const where = { org: "acme", projectKey: "CHURN", cardKey: "CHURN-7" };
const form = (patch: Partial<RunFormState>): RunFormState => ({ ...initialRunForm, ...patch });
const job = (f: RunFormState) => {
  const r = toJobInput(f, where);
  if (!r.ok) throw new Error(r.error);
  return r.value;
};

describe("run experiment form helpers", () => {
  it("counts the sweep grid", () => {
    expect(splitValues("0.1, 0.01")).toEqual(["0.1", "0.01"]);
    expect(gridSize([{ key: "lr", value: "0.1,0.01" }, { key: "bs", value: "32,64,128" }, { key: "seed", value: "1" }])).toBe(6);
    expect(gridSize([])).toBe(1);
  });
});

describe("toJobInput", () => {
  it("queues a command with one argument a line, named env variables and the card", () => {
    const j = job(form({ command: "python train.py", args: "--lr\n\n0.1\n", env: [{ key: " SEED ", value: "1" }, { key: "  ", value: "dropped" }] }));
    expect(j).toMatchObject({ key: "CHURN", card: "CHURN-7", spec: { kind: "command", command: "python train.py", args: ["--lr", "0.1"], env: { SEED: "1" } } });
    expect(j.spec).not.toHaveProperty("repository");
  });

  it("sends the repository only with a URL, and the commit only when given", () => {
    expect(job(form({ repoUrl: " https://g/x.git ", commit: "" })).spec).toMatchObject({ repository: { url: "https://g/x.git" } });
    expect(job(form({ repoUrl: "https://g/x.git", commit: " a1b2 " })).spec).toMatchObject({ repository: { url: "https://g/x.git", commit: "a1b2" } });
  });

  it("turns GPUs, labels, minutes and attempts into the job's numbers", () => {
    const j = job(form({ gpus: "4", labels: "gpu, a100,", timeout: "90", maxAttempts: "2" }));
    expect(j).toMatchObject({ gpus: 4, labels: ["gpu", "a100"], timeoutSeconds: 5400, maxAttempts: 2 });
    expect(job(form({ timeout: "0.5" })).timeoutSeconds).toBe(30);
  });

  it("records a command's dataset version as an input; built-in kinds carry it in the spec", () => {
    expect(job(form({ dataset: "churn", datasetVersion: "3" })).datasets).toEqual([{ name: "churn", version: 3 }]);
    expect(job(form({ dataset: "churn", datasetVersion: "" })).datasets).toEqual([]);
    const train = job(form({ kind: "train", dataset: "churn", datasetVersion: "3", train: { ...initialRunForm.train, target: " churned ", features: "age, plan", registerAs: "clf" } }));
    expect(train.datasets).toEqual([]);
    expect(train.spec).toEqual({ kind: "train", dataset: { name: "churn", version: 3 }, target: "churned", features: ["age", "plan"], model: "logistic_regression", epochs: 30, learningRate: 0.05, batchSize: 32, registerAs: "clf" });
  });

  it("asks for what a built-in kind needs before anything is sent", () => {
    expect(toJobInput(form({ kind: "train" }), where)).toEqual({ ok: false, error: "Choose a dataset version." });
    expect(toJobInput(form({ kind: "evaluate", dataset: "churn", datasetVersion: "1" }), where)).toEqual({ ok: false, error: "Choose a model version." });
    const ev = job(form({ kind: "evaluate", dataset: "churn", datasetVersion: "1", model: "clf", modelVersion: "2" }));
    expect(ev.spec).toEqual({ kind: "evaluate", model: { name: "clf", version: 2 }, dataset: { name: "churn", version: 1 } });
  });
});

describe("toSweepInput", () => {
  it("sends each named parameter's values and skips blank rows", () => {
    const r = toSweepInput(form({ command: "x", params: [{ key: " lr ", value: "0.1, 0.01" }, { key: "", value: "9" }, { key: "seed", value: "a,b" }] }), where);
    expect(r.ok && r.value.org).toBe("acme");
    expect(r.ok && r.value.params).toEqual([{ key: "lr", values: ["0.1", "0.01"] }, { key: "seed", values: ["a", "b"] }]);
  });
});

describe("serverFieldErrors", () => {
  const trpcError = (fieldErrors: Record<string, string> | undefined, message = "Bad request") => Object.assign(new Error(message), { data: { fieldErrors } });

  it("shows each input path's message under its field", () => {
    expect(serverFieldErrors(trpcError({ "job.spec.command": "too small", "job.gpus": "too big", "job.timeoutSeconds": "too big" }))).toEqual({
      form: null,
      fields: { command: "Too small", gpus: "Too big", timeout: "Too big" },
    });
    expect(serverFieldErrors(trpcError({ "job.datasets.0.version": "too small", "job.spec.env.A": "bad", "params.1.key": "bad name" })).fields).toEqual({
      dataset: "Too small",
      env: "Bad",
      params: "Bad name",
    });
  });

  it("joins a field's distinct messages and keeps paths no field shows for the form", () => {
    expect(serverFieldErrors(trpcError({ "job.spec.args.0": "too long", "job.spec.args.1": "too long", "job.card": "must be a card key" }))).toEqual({
      form: "job.card: must be a card key",
      fields: { args: "Too long" },
    });
    expect(serverFieldErrors(trpcError({ "job.spec.env.A": "bad name", "job.spec.env.B": "too long" })).fields).toEqual({ env: "Bad name; too long" });
  });

  it("falls back to the message without structured errors", () => {
    expect(serverFieldErrors(trpcError(undefined, "Card CHURN-9 not found"))).toEqual({ form: "Card CHURN-9 not found", fields: {} });
    expect(serverFieldErrors(new Error("Failed to fetch")).form).toMatch(/could not be reached/);
    expect(serverFieldErrors(null).form).toBe("Something went wrong. Try again.");
  });

  it("maps the paths the sweep service chooses", () => {
    expect(fieldForPath("params")).toBe("params");
    expect(fieldForPath("combination 2 (lr=20)")).toBe("params");
    expect(fieldForPath("job.spec.learningRate")).toBe("learningRate");
    expect(fieldForPath("job.maxAttempts")).toBe("maxAttempts");
    expect(fieldForPath("job.spec.kind")).toBeNull();
    // The job service names its own input's paths: a missing dataset version is "spec.dataset".
    expect(fieldForPath("spec.dataset")).toBe("dataset");
    expect(fieldForPath("job.constructor")).toBeNull();
    expect(fieldForPath("endDate")).toBeNull();
  });
});
