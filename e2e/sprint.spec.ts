import { DEMO, expect, test } from "./fixtures";
import { api } from "./pages/backlog-page";

type Card = { key: string; title: string };
type Board = { columns: { id: string; name: string; category: string }[] };

test("[SPRINT]: plan a sprint by dragging, start it, finish a card, complete it, see its burndown", async ({ page, workspace, backlog }) => {
  // A Scrum project of its own: no sprint yet, three cards in the backlog.
  const { org } = workspace;
  const { key } = await workspace.createProject({ boardKind: "scrum" });
  const titles = ["Clean the event log", "Train the baseline", "Ship the scorer"];
  const cards: Card[] = [];
  for (const [i, title] of titles.entries()) {
    cards.push(await workspace.api<Card>("POST", `/orgs/${org}/projects/${key}/cards`, { title, points: [3, 5, 2][i] }));
  }

  await backlog.goto(org, key);
  await expect(backlog.cards("Backlog")).toHaveText(titles.map((t) => new RegExp(t)));
  await expect(page.getByText("No completed sprints yet")).toBeVisible();

  // Keyboard ranking: lift the last card, move it up one place, drop it.
  await backlog.keyboardMove("Ship the scorer", ["ArrowUp"]);
  await expect(backlog.cards("Backlog")).toHaveText([/Clean the event log/, /Ship the scorer/, /Train the baseline/]);
  await page.reload();
  await expect(backlog.cards("Backlog")).toHaveText([/Clean the event log/, /Ship the scorer/, /Train the baseline/]);

  await page.getByRole("button", { name: "Create sprint" }).click();
  const create = page.getByRole("dialog", { name: "Create sprint" });
  await expect(create.getByLabel("Name")).toHaveValue("Sprint 1");
  await create.getByLabel("Goal").fill("A first scorer in production");
  await create.getByRole("button", { name: "Create sprint" }).click();
  await expect(backlog.section("Sprint 1")).toContainText("A first scorer in production");
  await expect(backlog.section("Sprint 1")).toContainText("0 pts planned · no velocity yet");

  await backlog.dragCard("Clean the event log", "Sprint 1");
  await expect(backlog.cards("Sprint 1")).toHaveText([/Clean the event log/]);
  await backlog.dragCard("Train the baseline", "Sprint 1");
  await expect(backlog.cards("Sprint 1")).toHaveText([/Clean the event log/, /Train the baseline/]);
  await expect(backlog.section("Sprint 1")).toContainText("2 cards · 8 pts");
  await page.reload();
  await expect(backlog.cards("Sprint 1")).toHaveText([/Clean the event log/, /Train the baseline/]);
  await expect(backlog.cards("Backlog")).toHaveText([/Ship the scorer/]);

  await page.getByRole("button", { name: "Start Sprint 1" }).click();
  const start = page.getByRole("dialog", { name: "Start Sprint 1" });
  await expect(start).toContainText("8 pts committed");
  await start.getByRole("button", { name: "Start sprint" }).click();
  await expect(backlog.section("Sprint 1").getByText("Active", { exact: true })).toBeVisible();

  const board = await api<Board>(page.request, "GET", `/orgs/${org}/projects/${key}/board`);
  const done = board.columns.find((c) => c.category === "done")!;
  await api(page.request, "POST", `/orgs/${org}/cards/${cards[0]!.key}/move`, { column: done.id });
  await expect(backlog.section("Sprint 1")).toContainText("3 of 8 pts done");

  await page.getByRole("button", { name: "Complete sprint" }).click();
  const complete = page.getByRole("dialog", { name: "Complete Sprint 1" });
  await expect(complete).toContainText("1 card · 3 pts");
  await expect(complete).toContainText("1 card · 5 pts");
  await complete.getByRole("radio", { name: "Backlog" }).check();
  await complete.getByRole("button", { name: "Complete sprint" }).click();
  await expect(backlog.section("Sprint 1")).toHaveCount(0);
  await expect(backlog.cards("Backlog")).toHaveText([/Ship the scorer/, /Train the baseline/]);
  await expect(page.getByText(/Velocity\s+3 pts on average/)).toBeVisible();

  await page.goto(`/${org}/${key}/reports`);
  const burndown = page.getByRole("figure", { name: "Sprint burndown" });
  await expect(burndown).toContainText("Sprint 1");
  await expect(burndown.locator("svg.recharts-surface")).toBeVisible();
  await expect(burndown.getByRole("list", { name: "Legend" })).toContainText("Remaining");
  const velocity = page.getByRole("figure", { name: "Velocity" });
  await expect(velocity.locator(".recharts-bar-rectangle")).toHaveCount(2);
});

test("[SPRINT]: the CHURN backlog shows the active sprint and a viewer cannot plan", async ({ page, signInAs, backlog }) => {
  await signInAs(DEMO.viewer);
  await backlog.goto(DEMO.org, "CHURN");
  await expect(backlog.section("Sprint 4").getByText("Active", { exact: true })).toBeVisible();
  await expect(backlog.cards("Backlog")).not.toHaveCount(0);
  await expect(page.getByText(/Velocity\s+\d+ pts on average over the last 3 sprints/)).toBeVisible();
  await expect(page.getByRole("button", { name: /^Move / })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Create sprint" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Complete sprint" })).toHaveCount(0);
});

test("[SPRINT]: the FRAUD backlog explains Kanban and links to the board and Reports", async ({ page, signInAs }) => {
  await signInAs(DEMO.manager);
  await page.goto(`/${DEMO.org}/FRAUD/backlog`);
  await expect(page.getByRole("heading", { name: "FRAUD runs on a Kanban board" })).toBeVisible();
  await page.getByRole("link", { name: "View reports" }).click();
  await expect(page).toHaveURL(/\/FRAUD\/reports$/);
});
