import type { APIRequestContext } from "@playwright/test";
import { expect, test } from "./fixtures";

test.use({ viewport: { width: 1600, height: 1000 } });

/** An MLflow client for a project, as training code with MLFLOW_TRACKING_URI/TOKEN would be. */
function mlflow(request: APIRequestContext, org: string, project: string, token: string) {
  return async (path: string, data: unknown) => {
    const res = await request.post(`/mlflow/${org}/${project}/api/2.0/mlflow/${path}`, { data, headers: { authorization: `Bearer ${token}` } });
    expect(res.ok(), `${path}: ${await res.text()}`).toBeTruthy();
    return res.json();
  };
}

test("[RUNS]: runs logged over MLflow appear in the list, the run page, the comparison and, linked by tag, on their card", async ({ page, workspace, board }) => {
  const { org, project } = workspace;
  const stamp = Date.now().toString(36);
  const token = await workspace.createToken(`e2e runs ${stamp}`);
  const card = await workspace.cards().createCard(`Train model ${stamp}`, "In progress");

  const ml = mlflow(page.request, org, project.key, token);
  const { experiment_id: exp } = await ml("experiments/create", { name: `e2e-${stamp}` });
  const runIds: string[] = [];
  for (const [i, name] of ["baseline", "tuned"].entries()) {
    const { run } = await ml("runs/create", {
      experiment_id: exp,
      run_name: `${name}-${stamp}`,
      start_time: Date.now(),
      tags: i === 1 ? [{ key: "runboard.card", value: card.key }, { key: "mlflow.source.git.commit", value: "0123456789abcdef" }] : [],
    });
    runIds.push(run.info.run_id);
    await ml("runs/log-batch", {
      run_id: run.info.run_id,
      params: [
        { key: "lr", value: i ? "0.01" : "0.1" },
        { key: "epochs", value: "10" },
      ],
      metrics: Array.from({ length: 50 }, (_, s) => ({ key: "loss", value: (i ? 0.5 : 1) / (s + 1), timestamp: Date.now(), step: s })),
    });
  }
  await ml("runs/update", { run_id: runIds[0], status: "FINISHED", end_time: Date.now() });

  // The list, filtered to this experiment, sorted by loss ascending.
  await page.goto(`/${org}/${project.key}/pipeline/runs?exp=${exp}&sort=metrics.loss&dir=asc`);
  const table = page.getByTestId("runs-table");
  await expect(table.getByRole("link", { name: `tuned-${stamp}` })).toBeVisible();
  await expect(table.getByRole("row").nth(1)).toContainText(`tuned-${stamp}`);
  await expect(table.getByRole("row").nth(2)).toContainText(`baseline-${stamp}`);
  await expect(table.getByRole("columnheader", { name: "loss" })).toBeVisible();

  // The run page: overview, a chart per metric, params.
  await table.getByRole("link", { name: `tuned-${stamp}` }).click();
  await expect(page.getByRole("heading", { name: `tuned-${stamp}` })).toBeVisible();
  await expect(page.locator("dl").getByText("0123456789", { exact: true })).toBeVisible();
  const chart = page.getByRole("figure", { name: "Metric loss" });
  await expect(chart.locator("path.recharts-line-curve")).toHaveCount(1);
  await expect(page.getByRole("region", { name: "Parameters" })).toContainText("0.01");
  await expect(page.locator("dl")).toContainText(card.key);

  // Compare the two runs.
  await page.goBack();
  await page.getByRole("checkbox", { name: `Select tuned-${stamp}` }).check();
  await page.getByRole("checkbox", { name: `Select baseline-${stamp}` }).check();
  await page.getByRole("link", { name: "Compare (2)" }).click();
  await expect(page.getByRole("heading", { name: "Compare 2 runs" })).toBeVisible();
  await expect(page.getByRole("figure", { name: "Metric overlay" }).locator("path.recharts-line-curve")).toHaveCount(2);
  await expect(page.getByRole("table", { name: "Run comparison" }).locator("tr[data-differs]")).toContainText("lr");

  // The card on the board shows the linked run live, and updates when the run logs.
  await board.goto(org, project.key, { q: stamp });
  const badge = page.locator(`[data-card="${card.key}"] [data-run-badge]`);
  await expect(badge).toContainText(`tuned-${stamp}`);
  await expect(badge).toContainText("loss 0.01");
  // The board subscribes to run events as it renders, and an event sent before the subscription is
  // registered is not replayed: log again (a later step, same value) until one arrives, never reloading.
  let step = 60;
  await expect(async () => {
    await ml("runs/log-metric", { run_id: runIds[1], key: "loss", value: 0.001234, timestamp: Date.now(), step: step++ });
    await expect(badge).toContainText("loss 0.001234", { timeout: 5_000 });
  }).toPass({ timeout: 30_000 });

  // The card panel lists the link, and a run tagged with the card meanwhile joins it without a reload.
  await page.locator(`[data-card="${card.key}"]`).click();
  const links = page.locator("section[aria-labelledby=card-links-heading]");
  await expect(links).toContainText(`tuned-${stamp}`);
  await ml("runs/create", { experiment_id: exp, run_name: `retrain-${stamp}`, start_time: Date.now(), tags: [{ key: "runboard.card", value: card.key }] });
  await expect(links).toContainText(`retrain-${stamp}`);
});
