import { test, expect } from "./fixtures";

const V1 = "id,age,city\n1,34,Oslo\n2,,Bergen\n3,51,Oslo\n";
const V2 = "id,age,plan\n1,34.5,pro\n2,40,free\n3,51,free\n4,29,pro\n";

test("a data engineer creates a dataset, uploads two versions, sees schema, stats and the diff, and marks one ready", async ({ page, workspace, signInAs }) => {
  const { org, project } = workspace;
  const name = `customers-${workspace.id}`;
  const engineer = await workspace.addMember(["data_engineer"], "Dee Engineer");
  await signInAs(engineer.email, engineer.password);
  await page.goto(`/${org}/${project.key}/pipeline`);
  await expect(page.getByRole("heading", { name: "Datasets" })).toBeVisible();

  await page.getByRole("button", { name: "New dataset" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByLabel("Licence or usage terms").fill("CC BY 4.0");
  await dialog.getByLabel("Contains personal data").check();
  await dialog.getByRole("button", { name: "Create dataset" }).click();

  await expect(page.getByRole("heading", { name })).toBeVisible();
  await expect(page.getByText("Contains personal data")).toBeVisible();
  await expect(page.getByText("CC BY 4.0")).toBeVisible();

  await page.getByLabel("Dataset file").setInputFiles({ name: "customers.csv", mimeType: "text/csv", buffer: Buffer.from(V1) });
  await expect(page.getByRole("heading", { name: /^Version 1/ })).toBeVisible();
  const schema = page.getByRole("table", { name: "Schema" });
  await expect(schema.getByRole("row", { name: /age.*integer/ })).toContainText("42.5");
  await expect(schema.getByRole("row", { name: /city.*string/ })).toContainText("Oslo");
  await expect(page.getByText("This is the first version.")).toBeVisible();

  await page.getByRole("link", { name }).click();
  await page.getByLabel("Dataset file").setInputFiles({ name: "customers-2.csv", mimeType: "text/csv", buffer: Buffer.from(V2) });
  await expect(page.getByRole("heading", { name: /^Version 2/ })).toBeVisible();
  const changes = page.getByRole("list", { name: "Changes" });
  await expect(changes).toContainText("Rows: 3 → 4 (+1)");
  await expect(changes).toContainText("Added column plan");
  await expect(changes).toContainText("Removed column city");
  await expect(changes).toContainText("Retyped column age: integer → number");

  await page.getByRole("button", { name: "Mark ready" }).click();
  await expect(page.getByText(`Ready · marked by ${engineer.name}`)).toBeVisible();
  await expect(page.getByRole("button", { name: "Mark ready" })).toHaveCount(0);
});

test("a data scientist sees no Mark ready button", async ({ page, workspace, signInAs }) => {
  const { org, project } = workspace;
  const name = `plain-${workspace.id}`;
  const scientist = await workspace.addMember(["data_scientist"]);
  await signInAs(scientist.email, scientist.password);
  const created = await page.request.post(`/api/v1/orgs/${org}/projects/${project.key}/datasets`, {
    data: { name, licence: "internal", containsPersonalData: false },
  });
  expect(created.ok()).toBe(true);
  const up = await page.request.post(`/api/v1/orgs/${org}/projects/${project.key}/datasets/${name}/versions`, {
    headers: { "content-type": "text/csv" },
    data: V1,
  });
  expect(up.status()).toBe(201);
  await page.goto(`/${org}/${project.key}/pipeline/datasets/${name}/versions/1`);
  await expect(page.getByRole("heading", { name: /^Version 1/ })).toBeVisible();
  await expect(page.getByRole("button", { name: "Mark ready" })).toHaveCount(0);
});
