import { expect, screenshotThemes, test } from "./fixtures";

// The workspace starts a runner of its own organization, so queued jobs run.
test.use({ viewport: { width: 1440, height: 1000 } });
test.setTimeout(180_000);

test("[JOBS]: a sweep queued from a card runs live, its run shows the log and metric; a long job is cancelled", async ({ page, workspace, board }, info) => {
  const { org, project } = workspace;
  await workspace.startRunner();
  const title = `run experiments ${Date.now().toString(36)}`;
  const card = await workspace.cards().createCard(title, "To do");
  await board.goto(org, project.key, { q: title, card: card.key });
  const panel = page.getByRole("dialog", { name: `Card ${card.key}` });

  await panel.getByRole("button", { name: "Run experiment" }).click();
  const dialog = page.getByRole("dialog", { name: `Run experiment · ${card.key}` });
  await dialog.getByRole("textbox", { name: "Command" }).fill('echo hello $PARAM_LR; echo "::metric name=acc step=1 value=0.9"');
  await dialog.getByLabel("Parameter 1 name").fill("lr");
  await dialog.getByLabel("Parameter 1 value").fill("0.1, 0.2");
  await expect(dialog.getByTestId("sweep-size")).toHaveText("2 jobs");
  await screenshotThemes(page, info, "run-experiment");
  await dialog.getByRole("button", { name: "Queue 2 jobs" }).click();
  await expect(dialog).toBeHidden();

  const jobs = panel.getByRole("list", { name: "Card jobs" }).getByRole("listitem");
  await expect(jobs).toHaveCount(2);
  // Each job's run is linked to the card at once.
  await expect(panel.locator("#card-links-heading")).toHaveText("Links 2");
  await expect(panel.locator('[data-job-state="succeeded"]')).toHaveCount(2, { timeout: 90_000 });
  await expect(panel.getByText("lr=0.2")).toBeVisible();
  await panel.getByRole("heading", { name: "Jobs" }).scrollIntoViewIfNeeded();
  await screenshotThemes(page, info, "card-jobs");

  await jobs.filter({ hasText: "lr=0.1" }).getByRole("link", { name: "Run" }).click();
  await expect(page.getByTestId("job-log")).toContainText("hello 0.1");
  await expect(page.getByRole("region", { name: "Metrics" })).toContainText("acc");
  await expect(page.getByRole("region", { name: "Parameters" })).toContainText("0.1");

  await board.goto(org, project.key, { q: title, card: card.key });
  await panel.getByRole("button", { name: "Run experiment" }).click();
  await dialog.getByRole("textbox", { name: "Command" }).fill("echo started; sleep 60");
  await dialog.getByRole("button", { name: "Queue job" }).click();
  await expect(jobs).toHaveCount(3);
  const long = jobs.first();
  await expect(long).toHaveAttribute("data-job-state", "running", { timeout: 60_000 });
  await long.getByRole("button", { name: /^Cancel job/ }).click();
  await expect(long).toHaveAttribute("data-job-state", "cancelled", { timeout: 30_000 });
  await expect(long.getByRole("button", { name: /^Retry job/ })).toBeVisible();
});
