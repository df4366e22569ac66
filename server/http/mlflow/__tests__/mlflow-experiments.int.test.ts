import { describe, expect, it } from "vitest";
import { createTestProject } from "@/db/testing";
import { withTestDb } from "@/db/with-test-db";
import { mlflowWorkspace, tokenFor } from "./setup";

const database = withTestDb();

describe("MLflow experiments API", () => {
  it("creates, gets (by id and name), renames, tags, deletes and restores an experiment", async () => {
    const { mlflow } = await mlflowWorkspace(database);
    const created = await mlflow("POST", "experiments/create", { name: "churn", tags: [{ key: "team", value: "ds" }] });
    expect(created.status).toBe(200);
    expect(created.body).toEqual({ experiment_id: expect.stringMatching(/^\d+$/) });
    const id = created.body.experiment_id;

    const got = await mlflow("GET", "experiments/get", { experiment_id: id });
    expect(got.status).toBe(200);
    expect(got.body).toEqual({
      experiment: {
        experiment_id: id,
        name: "churn",
        artifact_location: `mlflow-artifacts:/${id}`,
        lifecycle_stage: "active",
        creation_time: expect.any(Number),
        last_update_time: expect.any(Number),
        tags: [{ key: "team", value: "ds" }],
      },
    });
    expect((await mlflow("GET", "experiments/get-by-name", { experiment_name: "churn" })).body.experiment.experiment_id).toBe(id);

    expect((await mlflow("POST", "experiments/update", { experiment_id: id, new_name: "churn-v2" })).body).toEqual({});
    expect((await mlflow("POST", "experiments/set-experiment-tag", { experiment_id: id, key: "team", value: "ml" })).body).toEqual({});
    const renamed = (await mlflow("GET", "experiments/get", { experiment_id: id })).body.experiment;
    expect(renamed).toMatchObject({ name: "churn-v2", tags: [{ key: "team", value: "ml" }] });

    expect((await mlflow("POST", "experiments/delete", { experiment_id: id })).status).toBe(200);
    expect((await mlflow("GET", "experiments/get", { experiment_id: id })).body.experiment.lifecycle_stage).toBe("deleted");
    const renameDeleted = await mlflow("POST", "experiments/update", { experiment_id: id, new_name: "x" });
    expect(renameDeleted).toMatchObject({ status: 400, body: { error_code: "INVALID_PARAMETER_VALUE" } });
    expect((await mlflow("POST", "experiments/restore", { experiment_id: id })).status).toBe(200);
    expect((await mlflow("GET", "experiments/get", { experiment_id: id })).body.experiment.lifecycle_stage).toBe("active");
  });

  it("answers RESOURCE_ALREADY_EXISTS (400) for a duplicate name and INVALID_PARAMETER_VALUE for an empty one", async () => {
    const { mlflow } = await mlflowWorkspace(database);
    await mlflow("POST", "experiments/create", { name: "dup" });
    expect(await mlflow("POST", "experiments/create", { name: "dup" })).toMatchObject({
      status: 400,
      body: { error_code: "RESOURCE_ALREADY_EXISTS", message: expect.stringContaining("dup") },
    });
    expect(await mlflow("POST", "experiments/create", { name: "" })).toMatchObject({ status: 400, body: { error_code: "INVALID_PARAMETER_VALUE" } });
    expect(await mlflow("POST", "experiments/create", {})).toMatchObject({ status: 400, body: { error_code: "INVALID_PARAMETER_VALUE" } });
  });

  it("answers RESOURCE_DOES_NOT_EXIST (404) for unknown ids and names, ENDPOINT_NOT_FOUND for unknown paths", async () => {
    const { mlflow } = await mlflowWorkspace(database);
    expect(await mlflow("GET", "experiments/get", { experiment_id: "987654321" })).toMatchObject({
      status: 404,
      body: { error_code: "RESOURCE_DOES_NOT_EXIST", message: expect.any(String) },
    });
    expect((await mlflow("GET", "experiments/get", { experiment_id: "abc" })).status).toBe(404);
    expect((await mlflow("GET", "experiments/get-by-name", { experiment_name: "nope" })).status).toBe(404);
    expect(await mlflow("POST", "nope/nothing", {})).toMatchObject({ status: 404, body: { error_code: "ENDPOINT_NOT_FOUND" } });
    expect((await mlflow("GET", "experiments/create", {})).status).toBe(404);
  });

  it("searches by name and tags with order_by, max_results and page_token; view_type selects deleted ones", async () => {
    const { mlflow } = await mlflowWorkspace(database);
    for (const name of ["alpha", "beta", "gamma", "alphabet"]) {
      const { body } = await mlflow("POST", "experiments/create", { name, tags: [{ key: "kind", value: name.startsWith("a") ? "a" : "b" }] });
      if (name === "gamma") await mlflow("POST", "experiments/delete", { experiment_id: body.experiment_id });
    }
    const names = (b: { experiments?: { name: string }[] }) => (b.experiments ?? []).map((e) => e.name);
    expect(names((await mlflow("POST", "experiments/search", { filter: "name LIKE 'alpha%'", order_by: ["name ASC"] })).body)).toEqual(["alpha", "alphabet"]);
    expect(names((await mlflow("POST", "experiments/search", { filter: "tags.kind = 'b'" })).body)).toEqual(["beta"]);
    expect(names((await mlflow("POST", "experiments/search", { view_type: "DELETED_ONLY" })).body)).toEqual(["gamma"]);
    expect(names((await mlflow("GET", "experiments/search", { order_by: "name DESC", max_results: 10 })).body)).toEqual(["beta", "alphabet", "alpha"]);

    const first = await mlflow("POST", "experiments/search", { order_by: ["name"], max_results: 2 });
    expect(names(first.body)).toEqual(["alpha", "alphabet"]);
    expect(first.body.next_page_token).toEqual(expect.any(String));
    const second = await mlflow("POST", "experiments/search", { order_by: ["name"], max_results: 2, page_token: first.body.next_page_token });
    expect(names(second.body)).toEqual(["beta"]);
    expect(second.body.next_page_token).toBeUndefined();

    expect(await mlflow("POST", "experiments/search", { max_results: 50001 })).toMatchObject({ status: 400, body: { error_code: "INVALID_PARAMETER_VALUE" } });
    expect(await mlflow("POST", "experiments/search", { filter: "name ~ 'x'" })).toMatchObject({ status: 400, body: { error_code: "INVALID_PARAMETER_VALUE" } });
    expect(await mlflow("POST", "experiments/search", { page_token: "garbage" })).toMatchObject({ status: 400 });
  });
});

describe("MLflow authentication and isolation", () => {
  it("answers 401 UNAUTHENTICATED without a token, with a bad one, and with Basic for the wrong email", async () => {
    const { as, members, org } = await mlflowWorkspace(database);
    expect(await as(null)("POST", "experiments/search", {})).toMatchObject({ status: 401, body: { error_code: "UNAUTHENTICATED" } });
    expect(await as({ token: "rb_nope" })("POST", "experiments/search", {})).toMatchObject({ status: 401, body: { error_code: "UNAUTHENTICATED" } });
    const token = await tokenFor(database, org.id, members.developer.id);
    expect((await as({ email: members.viewer.email, token })("POST", "experiments/search", {})).status).toBe(401);
    expect((await as({ email: members.developer.email.toUpperCase(), token })("POST", "experiments/search", {})).status).toBe(200);
  });

  it("accepts HTTP Basic with the user's email and an API token", async () => {
    const { as, members, org } = await mlflowWorkspace(database);
    const token = await tokenFor(database, org.id, members.data_engineer.id);
    const res = await as({ email: members.data_engineer.email, token })("POST", "experiments/create", { name: "basic" });
    expect(res).toMatchObject({ status: 200, body: { experiment_id: expect.any(String) } });
  });

  it("lets a viewer read but answers 403 PERMISSION_DENIED to a viewer's writes, storing nothing", async () => {
    const { clients, mlflow } = await mlflowWorkspace(database);
    const { body } = await mlflow("POST", "experiments/create", { name: "shared" });
    expect((await clients.viewer("GET", "experiments/get", { experiment_id: body.experiment_id })).status).toBe(200);
    expect(await clients.viewer("POST", "experiments/create", { name: "mine" })).toMatchObject({
      status: 403,
      body: { error_code: "PERMISSION_DENIED", message: expect.stringContaining("viewer") },
    });
    expect((await clients.viewer("POST", "runs/create", { experiment_id: body.experiment_id })).status).toBe(403);
    expect((await mlflow("GET", "experiments/get-by-name", { experiment_name: "mine" })).status).toBe(404);
  });

  it("hides another organization's and another project's experiments and runs (404)", async () => {
    const a = await mlflowWorkspace(database);
    const b = await mlflowWorkspace(database);
    const { body } = await b.mlflow("POST", "experiments/create", { name: "secret" });
    const run = (await b.mlflow("POST", "runs/create", { experiment_id: body.experiment_id })).body.run.info.run_id;

    // A's token pointed at B's organization and project: nothing there for it.
    const tokenA = await tokenFor(database, a.org.id, a.members.admin.id);
    const crossOrg = a.as({ token: tokenA }, b.project.key, b.org.slug);
    expect(await crossOrg("GET", "experiments/get", { experiment_id: body.experiment_id })).toMatchObject({
      status: 404,
      body: { error_code: "RESOURCE_DOES_NOT_EXIST" },
    });
    // A's own project, B's ids.
    expect((await a.mlflow("GET", "experiments/get", { experiment_id: body.experiment_id })).status).toBe(404);
    expect((await a.mlflow("GET", "runs/get", { run_id: run })).status).toBe(404);
    expect((await a.mlflow("POST", "runs/log-metric", { run_id: run, key: "x", value: 1, timestamp: 1 })).status).toBe(404);
    expect((await a.mlflow("POST", "experiments/search", {})).body.experiments).toBeUndefined();

    // Another project of the same organization.
    const other = await createTestProject(database.db, b.org.id);
    const tokenB = await tokenFor(database, b.org.id, b.members.admin.id);
    const otherProject = b.as({ token: tokenB }, other.key);
    expect((await otherProject("GET", "experiments/get", { experiment_id: body.experiment_id })).status).toBe(404);
    expect((await otherProject("GET", "runs/get", { run_id: run })).status).toBe(404);
    expect((await otherProject("POST", "runs/search", { experiment_ids: [body.experiment_id] })).body).toEqual({});
    // The same name may exist in another project.
    expect((await otherProject("POST", "experiments/create", { name: "secret" })).status).toBe(200);
  });

  it("answers 404 for a project key that does not exist in the token's organization", async () => {
    const w = await mlflowWorkspace(database);
    const token = await tokenFor(database, w.org.id, w.members.admin.id);
    expect(await w.as({ token }, "NOPE1")("POST", "experiments/search", {})).toMatchObject({
      status: 404,
      body: { error_code: "RESOURCE_DOES_NOT_EXIST" },
    });
  });

  it("assigns artifact locations itself and refuses client values with a query, fragment or '..'", async () => {
    const { mlflow } = await mlflowWorkspace(database);
    for (const bad of ["s3://bucket/x?y=1", "file:///tmp/a#frag", "mlflow-artifacts:/1/../../etc", "..\\secret"]) {
      const res = await mlflow("POST", "experiments/create", { name: `bad-${Math.random()}`, artifact_location: bad });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error_code: "INVALID_PARAMETER_VALUE", message: expect.stringMatching(/artifact_location/) });
    }
    const ok = await mlflow("POST", "experiments/create", { name: `ok-${Math.random()}`, artifact_location: "s3://bucket/custom" });
    const got = await mlflow("GET", "experiments/get", { experiment_id: ok.body.experiment_id });
    expect(got.body.experiment.artifact_location).toBe(`mlflow-artifacts:/${ok.body.experiment_id}`);
  });
});
