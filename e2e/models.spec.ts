import type { APIRequestContext, Page } from "@playwright/test";
import { logisticRegressionOnnx } from "../server/http/mlflow/__tests__/onnx-model";
import { expect, test } from "./fixtures";

test.use({ viewport: { width: 1440, height: 1000 } });

/** The MLflow REST API as training code with MLFLOW_TRACKING_URI/TOKEN would call it. */
function mlflow(request: APIRequestContext, base: string, token: string) {
  return async (path: string, data: unknown) => {
    const res = await request.post(`${base}/mlflow/${path}`, { data, headers: { authorization: `Bearer ${token}` } });
    expect(res.ok(), `${path}: ${await res.text()}`).toBeTruthy();
    return res.json();
  };
}

async function screenshots(page: Page, name: string) {
  if (!process.env.E2E_SCREENSHOTS) return;
  for (const theme of ["light", "dark"]) {
    await page.evaluate((t) => {
      localStorage.setItem("theme", t);
      document.documentElement.classList.toggle("dark", t === "dark");
      document.documentElement.style.colorScheme = t;
    }, theme);
    await page.waitForTimeout(300);
    await page.screenshot({ path: `test-results/screens/${name}-${theme}.png`, fullPage: true });
  }
  await page.evaluate(() => {
    localStorage.setItem("theme", "light");
    document.documentElement.classList.remove("dark");
  });
}

test("[MODELS]: a model registered over MLflow shows its ONNX signature, moves an alias with history, has lineage and a live badge on a linked card", async ({ page, workspace, board }) => {
  const { org, project } = workspace;
  const base = `/mlflow/${org}/${project.key}/api/2.0`;
  const stamp = Date.now().toString(36);
  const name = `churn-${stamp}`;
  const token = await workspace.createToken(`e2e models ${stamp}`);
  const ml = mlflow(page.request, base, token);

  // A run with a metric, a commit and a dataset input; an ONNX file as its artifact; two versions; champion on v1.
  const { experiment_id: exp } = await ml("experiments/create", { name: `e2e-models-${stamp}` });
  const { run } = await ml("runs/create", { experiment_id: exp, run_name: `train-${stamp}`, tags: [{ key: "mlflow.source.git.commit", value: "fedcba9876543210" }] });
  const runId = run.info.run_id as string;
  await ml("runs/log-metric", { run_id: runId, key: "auc", value: 0.912, timestamp: Date.now() });
  await ml("runs/log-inputs", { run_id: runId, datasets: [{ dataset: { name: "customers.csv", digest: "d1g3st", source_type: "local", source: "{}" } }] });
  const root = (run.info.artifact_uri as string).replace("mlflow-artifacts:/", "");
  const put = await page.request.put(`${base}/mlflow-artifacts/artifacts/${root}/model/model.onnx`, {
    data: Buffer.from(logisticRegressionOnnx()),
    headers: { authorization: `Bearer ${token}`, "content-type": "application/octet-stream" },
  });
  expect(put.ok(), await put.text()).toBeTruthy();
  await ml("registered-models/create", { name, description: "Predicts churn" });
  for (let i = 0; i < 2; i++) await ml("model-versions/create", { name, source: `runs:/${runId}/model`, run_id: runId });
  await ml("registered-models/alias", { name, alias: "champion", version: "1" });

  // The models list and the model page: versions with run, metric, commit and the ONNX inputs and outputs.
  await page.goto(`/${org}/${project.key}/pipeline/models`);
  const row = page.getByRole("table", { name: "Models" }).getByRole("row").filter({ hasText: name });
  await expect(row).toContainText("@champion → v1");
  await expect(row).toContainText("auc 0.912");
  await row.getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  const versions = page.getByRole("table", { name: "Versions" });
  await expect(versions.locator("#version-1")).toContainText("@champion");
  await expect(versions.locator("#version-2")).toContainText(`train-${stamp}`);
  await expect(versions.locator("#version-2")).toContainText("fedcba9");
  await expect(versions.locator("#version-2")).toContainText("customers.csv");
  const signature = page.getByRole("region", { name: "ONNX signature v2" });
  await expect(signature).toContainText("features");
  await expect(signature).toContainText("float32");
  await expect(signature).toContainText("[batch, 3]");
  await expect(signature).toContainText("probability");

  // Move champion to v2: the history records v1 → v2.
  await page.getByRole("button", { name: "Set alias" }).click();
  const dialog = page.getByRole("dialog", { name: "Set an alias" });
  await dialog.getByLabel("Alias").fill("champion");
  await dialog.getByLabel("Version").selectOption("2");
  await dialog.getByRole("button", { name: "Set alias" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("list", { name: "Model history" }).getByRole("listitem").first()).toContainText("@champion moved v1 → v2");
  await expect(versions.locator("#version-2")).toContainText("@champion");
  await page.getByRole("combobox", { name: "Stage of v2" }).selectOption("Staging");
  await expect(page.getByRole("list", { name: "Model history" }).getByRole("listitem").first()).toContainText("v2 stage None → Staging");
  await screenshots(page, "model-page");

  // Lineage of v2: input → run → model version, nodes are links.
  await page.getByRole("link", { name: "Lineage of v2" }).click();
  await expect(page.getByRole("heading", { name: `Lineage of ${name} v2` })).toBeVisible();
  const graph = page.getByTestId("lineage-graph");
  await expect(graph.locator('[data-kind="run"]')).toContainText(`train-${stamp}`);
  await expect(graph.locator('[data-kind="input"]')).toContainText("customers.csv");
  await expect(graph.locator('[data-kind="model_version"]')).toHaveCount(2);
  await screenshots(page, "lineage");
  await graph.getByRole("link", { name: `train-${stamp}` }).click();
  await expect(page.getByRole("heading", { name: `train-${stamp}` })).toBeVisible();

  // Link v2 to a new card from the card panel: the board shows its aliases, live.
  const card = await workspace.cards().createCard(`Ship ${name}`, "In progress");
  await board.goto(org, project.key, { q: stamp });
  await page.locator(`[data-card="${card.key}"]`).click();
  const links = page.locator("section[aria-labelledby=card-links-heading]");
  await links.getByRole("button", { name: "Link a model version" }).click();
  await links.getByLabel("Search model versions to link").fill(stamp);
  await links.getByRole("list", { name: "Matching model versions" }).getByRole("button", { name: new RegExp(`${name} v2`) }).click();
  await expect(links.getByRole("link", { name: `${name} v2` })).toBeVisible();
  await page.keyboard.press("Escape");
  const badge = page.locator(`[data-card="${card.key}"] [data-model-badge="${name} v2"]`);
  await expect(badge).toContainText("@champion");
  await ml("registered-models/alias", { name, alias: "challenger", version: "2" });
  await expect(badge).toContainText("@challenger");
  await screenshots(page, "board");
});
