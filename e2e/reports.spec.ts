import { DEMO, expect, test } from "./fixtures";

test("[REPORTS]: CHURN shows a burndown and velocity with legends", async ({ page, signInAs }) => {
  await signInAs(DEMO.viewer);
  await page.goto(`/${DEMO.org}/CHURN/reports`);
  const burndown = page.getByRole("figure", { name: "Sprint burndown" });
  await expect(burndown.locator("svg.recharts-surface")).toBeVisible();
  await expect(burndown.getByRole("list", { name: "Legend" })).toContainText(["Remaining", "Ideal"].join(""));
  await expect(burndown.getByRole("combobox", { name: "Sprint" })).toHaveValue(/.+/);
  await expect(burndown).toContainText("Sprint 4");

  await burndown.getByRole("combobox", { name: "Sprint" }).selectOption({ label: "Sprint 2" });
  await expect(burndown).toContainText("Sprint 2:");

  const velocity = page.getByRole("figure", { name: "Velocity" });
  await expect(velocity.locator(".recharts-bar-rectangle").first()).toBeVisible();
  await expect(velocity.locator("svg.recharts-surface")).toContainText("Sprint 3");
  await expect(velocity.getByRole("list", { name: "Legend" })).toContainText("CommittedCompletedAverage");
});

test("[REPORTS]: FRAUD shows cumulative flow and cycle time, no burndown", async ({ page, signInAs }) => {
  await signInAs(DEMO.manager);
  await page.goto(`/${DEMO.org}/FRAUD/reports`);
  const flow = page.getByRole("figure", { name: "Cumulative flow" });
  await expect(flow.locator(".recharts-area")).not.toHaveCount(0);
  await expect(flow.getByRole("list", { name: "Legend" })).toContainText("Done");
  await flow.getByRole("button", { name: "90 days" }).click();
  await expect(flow).toContainText("last 90 days");

  const cycle = page.getByRole("figure", { name: "Cycle time" });
  await expect(cycle.locator(".recharts-scatter-symbol").first()).toBeVisible();
  await expect(cycle.getByRole("list", { name: "Legend" })).toContainText("85th percentile");
  await expect(page.getByRole("figure", { name: "Sprint burndown" })).toHaveCount(0);
});

test("[REPORTS]: the sidebar links each project's Reports", async ({ page, signInAs }) => {
  await signInAs(DEMO.manager);
  await page.goto(`/${DEMO.org}/CHURN/board`);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Reports of Customer churn" }).click();
  await expect(page).toHaveURL(/\/CHURN\/reports$/);
  await expect(page.getByRole("figure", { name: "Velocity" })).toBeVisible();
});
