import { expect, screenshotThemes, test } from "./fixtures";
import { api } from "./pages/backlog-page";

// Rates are per organization: they are set in the workspace's own, whose runner runs the queued job.
test.use({ viewport: { width: 1440, height: 1000 }, locale: "en-US" });
test.setTimeout(180_000);

/** A number as the totals line shows it, with how far its display can be from the true value. */
type Shown = { value: number; tol: number };
type Totals = { wallHours: Shown; gpuHours: Shown; energyKWh: Shown; costs: Map<string, Shown>; co2eKg: Shown };
type ApiTotals = { wallHours: number; energyKWh: number; costs: { currency: string; amount: number }[]; co2eKg: number };

/**
 * Reads a figure of components/billing/usage-totals.tsx: rounded to `decimals`, or to 2 significant
 * digits when smaller. The server rounds totals to 6 decimals on top.
 */
function shown(text: string, decimals: number): Shown {
  const plain = text.trim().replace(/,/g, "");
  const value = Number(plain);
  expect(Number.isFinite(value), `"${text}" is a number`).toBe(true);
  const places = Math.max(decimals, plain.split(".")[1]?.length ?? 0);
  return { value, tol: 0.5 * 10 ** -places + 1e-6 };
}

/** "0.00056 h wall · 0 GPU-h · 0.000036 kWh · 2.01 CHF · 0.000036 kg CO2e" */
function parseTotals(text: string): Totals {
  const m = /^(.+) h wall · (.+) GPU-h · (.+) kWh · (.+) · (.+) kg CO2e$/.exec(text.trim());
  expect(m, `usage totals: "${text}"`).not.toBeNull();
  const [, wall, gpu, kwh, cost, co2e] = m!;
  const costs = new Map<string, Shown>();
  if (cost !== "0") {
    for (const part of cost!.split(" + ")) {
      const [amount, currency] = part.split(" ");
      costs.set(currency!, shown(amount!, 2));
    }
  }
  return { wallHours: shown(wall!, 2), gpuHours: shown(gpu!, 2), energyKWh: shown(kwh!, 3), costs, co2eKg: shown(co2e!, 3) };
}

function expectNear(actual: number, expected: number, tol: number, what: string) {
  expect(Math.abs(actual - expected), `${what}: ${actual} ≈ ${expected} (± ${tol})`).toBeLessThanOrEqual(tol);
}

test("[COSTS]: an admin's rates price a job run from a card; its cost, energy and CO2e reach the card and sprint totals", async ({ page, workspace, board, backlog }, info) => {
  const currency = "CHF";
  const cpuRate = 3600; // per wall hour: a job of a few seconds costs a few CHF
  const intensity = 1000; // gCO2e/kWh
  const { org, project } = workspace;
  await workspace.startRunner();

  // 1. Runners → Costs & carbon: set the org's currency, CPU rate and grid intensity; they survive a reload.
  await page.goto(`/${org}/runners`);
  const billing = page.getByRole("region", { name: "Costs & carbon" });
  await billing.getByLabel("Currency", { exact: true }).fill(currency.toLowerCase());
  await billing.getByLabel("CPU rate per hour", { exact: true }).fill(String(cpuRate));
  await billing.getByLabel("Grid intensity (gCO2e/kWh)", { exact: true }).fill(String(intensity));
  await billing.getByRole("button", { name: "Save costs & carbon" }).click();
  await expect(billing.getByRole("status")).toContainText("Saved.");
  await page.reload();
  await expect(billing.getByLabel("Currency", { exact: true })).toHaveValue(currency);
  await expect(billing.getByLabel("CPU rate per hour", { exact: true })).toHaveValue(String(cpuRate));
  await expect(billing.getByLabel("Grid intensity (gCO2e/kWh)", { exact: true })).toHaveValue(String(intensity));
  await screenshotThemes(page, info, "runners-costs", { fullPage: true });

  // A card in the project's active sprint, and what that sprint had used before its job.
  const boardApi = workspace.cards();
  const { activeSprint } = await boardApi.board();
  expect(activeSprint, "the workspace's board has an active sprint").not.toBeNull();
  const sprint = activeSprint!;
  const title = `price a run ${Date.now().toString(36)}`;
  const card = await boardApi.createCard(title, "To do");
  const before = await api<ApiTotals>(page.request, "GET", `/orgs/${org}/sprints/${sprint.id}/usage-totals`);

  // 2. Run an experiment from the card and wait for it to succeed.
  await board.goto(org, project.key, { q: title, card: card.key });
  const panel = board.panel(card.key);
  await panel.getByRole("button", { name: "Run experiment" }).click();
  const dialog = page.getByRole("dialog", { name: `Run experiment · ${card.key}` });
  await dialog.getByRole("textbox", { name: "Command" }).fill("sleep 2; echo done");
  await dialog.getByRole("button", { name: "Queue job" }).click();
  await expect(dialog).toBeHidden();
  const job = panel.getByRole("list", { name: "Card jobs" }).getByRole("listitem");
  await expect(job).toHaveCount(1);
  await expect(job).toHaveAttribute("data-job-state", "succeeded", { timeout: 90_000 });
  // The job's own line prices it in the org's currency.
  await expect(job).toContainText(new RegExp(`\\d+\\.\\d{2} ${currency}`));
  const jobCost = Number(new RegExp(`([\\d.,]+) ${currency}`).exec((await job.textContent()) ?? "")![1]!.replace(/,/g, ""));

  // 3. The card's totals (fetched again when a job of the card finishes): non-zero and consistent with the rates.
  const cardTotalsLine = panel.getByTestId("usage-totals");
  await expect(cardTotalsLine).toBeVisible();
  await screenshotThemes(page, info, "card-costs");
  const totals = parseTotals((await cardTotalsLine.textContent()) ?? "");
  expect([...totals.costs.keys()], "the card's only job is priced in the org's currency").toEqual([currency]);
  const cost = totals.costs.get(currency)!;
  expect(totals.wallHours.value, "wall time covers the job's 2 s sleep").toBeGreaterThanOrEqual(2 / 3600 - totals.wallHours.tol);
  expect(cost.value).toBeGreaterThan(0);
  expect(totals.energyKWh.value).toBeGreaterThan(0);
  expect(totals.co2eKg.value).toBeGreaterThan(0);
  // No GPU rates are set, so the cost is the CPU rate × wall hours; CO2e is energy × grid intensity.
  expectNear(cost.value, cpuRate * totals.wallHours.value, cost.tol + cpuRate * totals.wallHours.tol, "cost = CPU rate × wall hours");
  expectNear(totals.co2eKg.value, (totals.energyKWh.value * intensity) / 1000, totals.co2eKg.tol + (totals.energyKWh.tol * intensity) / 1000, "kg CO2e = kWh × g/kWh / 1000");
  expectNear(jobCost, cost.value, 0.005 + cost.tol, "the card's cost is its job's cost");

  // 4. The sprint's totals on the backlog grew by the card's.
  await backlog.goto(org, project.key);
  const sprintTotalsLine = backlog.section(sprint.name).getByTestId("usage-totals");
  await expect(sprintTotalsLine).toBeVisible();
  const sprintText = (await sprintTotalsLine.textContent()) ?? "";
  const after = parseTotals(sprintText);
  const costBefore = before.costs.find((c) => c.currency === currency)?.amount ?? 0;
  const sprintCost = after.costs.get(currency);
  expect(sprintCost, `the sprint's totals have a ${currency} cost`).toBeDefined();
  expectNear(sprintCost!.value - costBefore, cost.value, sprintCost!.tol + cost.tol, "the sprint's cost grew by the card's");
  expectNear(after.energyKWh.value - before.energyKWh, totals.energyKWh.value, after.energyKWh.tol + totals.energyKWh.tol, "the sprint's energy grew by the card's");
  expectNear(after.co2eKg.value - before.co2eKg, totals.co2eKg.value, after.co2eKg.tol + totals.co2eKg.tol, "the sprint's CO2e grew by the card's");
  expectNear(after.wallHours.value - before.wallHours, totals.wallHours.value, after.wallHours.tol + totals.wallHours.tol, "the sprint's wall hours grew by the card's");

  // The reports page shows the same totals under the active sprint's burndown.
  await page.goto(`/${org}/${project.key}/reports`);
  const burndown = page.getByRole("figure", { name: "Sprint burndown" });
  await expect(burndown.getByRole("combobox", { name: "Sprint" })).toHaveValue(sprint.id);
  await expect(page.getByTestId("usage-totals")).toHaveText(sprintText);
});
