import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { withTestDb } from "@/db/with-test-db";
import { tempArtifactStore } from "../testing";
import { mlflowRunWorkspace } from "./setup";

// Inputs that used to answer 500 or slip past MLflow's limits.
const database = withTestDb();
const store = tempArtifactStore();
const workspace = () => mlflowRunWorkspace(database, store);

describe("MLflow run names", () => {
  it("refuses a run name past the 8,000-character tag limit on create and update, with 400 naming run_name", async () => {
    const { mlflow, exp, runId } = await workspace();
    const long = "n".repeat(100_000);
    const created = await mlflow("POST", "runs/create", { experiment_id: exp, run_name: long });
    expect(created).toMatchObject({
      status: 400,
      body: { error_code: "INVALID_PARAMETER_VALUE", message: "run_name: had length 100000, which exceeded length limit of 8000" },
    });
    const updated = await mlflow("POST", "runs/update", { run_id: runId, run_name: long });
    expect(updated).toMatchObject({ status: 400, body: { error_code: "INVALID_PARAMETER_VALUE", message: expect.stringMatching(/^run_name: /) } });
    const fits = await mlflow("POST", "runs/update", { run_id: runId, run_name: "n".repeat(8000) });
    expect(fits.status).toBe(200);
    const tags = (await mlflow("GET", "runs/get", { run_id: runId })).body.run.data.tags as { key: string; value: string }[];
    expect(tags.find((t) => t.key === "mlflow.runName")?.value).toHaveLength(8000);
  });
});

describe("MLflow proxied artifacts: conflicts and dot-files", () => {
  it("answers 409 for a file under an existing file or onto an existing folder, naming the path", async () => {
    const { art, root } = await workspace();
    expect((await art("PUT", `${root}/a/b`, "file")).status).toBe(200);
    const under = await art("PUT", `${root}/a/b/c.txt`, "x");
    expect(under).toMatchObject({
      status: 409,
      body: { error_code: "RESOURCE_ALREADY_EXISTS", message: `path: a file already exists at ${root}/a/b: cannot create a folder under it` },
    });
    const deeper = await art("PUT", `${root}/a/b/c/d.txt`, "x");
    expect(deeper.body.message).toBe(`path: a file already exists at ${root}/a/b: cannot create a folder under it`);
    const onto = await art("PUT", `${root}/a`, "x");
    expect(onto).toMatchObject({ status: 409, body: { message: `path: a folder already exists at ${root}/a: cannot write a file over it` } });
    expect((await art("GET", `${root}/a/b`)).bytes.toString()).toBe("file");
    expect(await art("GET", `${root}/a/b/c.txt`)).toMatchObject({ status: 404 });
    expect(readdirSync(store.root, { recursive: true }).filter((f) => String(f).startsWith(".tmp/"))).toEqual([]);
  });

  it("lists artifacts whose names start with a dot, and still refuses . and .. segments", async () => {
    const { art, mlflow, root, runId } = await workspace();
    expect((await art("PUT", `${root}/.hydra/config.yaml`, "lr: 1")).status).toBe(200);
    expect((await art("PUT", `${root}/.env.example`, "A=1")).status).toBe(200);
    expect((await art("GET", `?path=${root}`)).body).toEqual({
      files: [{ path: ".env.example", is_dir: false, file_size: 3 }, { path: ".hydra", is_dir: true }],
    });
    expect((await mlflow("GET", "artifacts/list", { run_id: runId, path: ".hydra" })).body.files).toEqual([
      { path: ".hydra/config.yaml", is_dir: false, file_size: 5 },
    ]);
    expect((await art("GET", `${root}/.hydra/config.yaml`)).bytes.toString()).toBe("lr: 1");
    for (const bad of [`${root}/./x`, `${root}/../x`, `${root}/a/../../x`]) expect((await art("PUT", bad, "x")).status).toBe(400);
  });
});
