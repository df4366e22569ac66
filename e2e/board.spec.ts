import { apiSignIn, DEMO, expect, test } from "./fixtures";
import { BoardApi, BoardPage } from "./pages/board-page";

// Wide enough for a five-column Kanban board without horizontal scrolling.
test.use({ viewport: { width: 1600, height: 900 } });

const tag = (name: string) => `${name} ${Date.now().toString(36)}`;

test("[BOARD]: a card dragged with the mouse to another column is still there after reload", async ({ workspace, board }) => {
  const { org, project } = workspace;
  const api = workspace.cards();
  const title = tag("drag me");
  const card = await api.createCard(title, "To do");
  await board.goto(org, project.key, { q: title });
  await expect(board.column("To do").locator(`[data-card="${card.key}"]`)).toBeVisible();

  await board.dragCard(card.key, "In progress");
  await expect(board.column("In progress").locator(`[data-card="${card.key}"]`)).toBeVisible();
  await expect.poll(async () => (await api.board()).columns.find((c) => c.cards.some((x) => x.key === card.key))?.name).toBe("In progress");

  await board.page.reload();
  await expect(board.column("In progress").locator(`[data-card="${card.key}"]`)).toBeVisible();
  await expect(board.column("To do").locator(`[data-card="${card.key}"]`)).toHaveCount(0);
});

test("[BOARD]: a card moves to the next column with the keyboard (Space, ArrowRight, Space)", async ({ workspace, board }) => {
  const api = workspace.cards();
  const title = tag("keyboard move");
  const card = await api.createCard(title, "To do");
  await board.goto(workspace.org, workspace.project.key, { q: title });

  await board.keyboardMove(card.key, ["ArrowRight"]);
  await expect(board.column("In progress").locator(`[data-card="${card.key}"]`)).toBeVisible();
  await expect.poll(async () => (await api.board()).columns.find((c) => c.cards.some((x) => x.key === card.key))?.name).toBe("In progress");
});

test("[BOARD]: a strict WIP limit refuses a move, shows why, and the card goes back", async ({ page, workspace, board }) => {
  // A Kanban project whose Review column has a strict limit of 3, as the demo's FRAUD board.
  const { key } = await workspace.createProject({ boardKind: "kanban" });
  const api = workspace.cards(key);
  const { id } = await api.column("Review");
  await workspace.api("PATCH", `/orgs/${workspace.org}/projects/${key}/columns/${id}`, { wipLimit: 3, wipStrict: true });
  const review = await api.column("Review");
  expect(review.wipStrict).toBe(true);
  const limit = review.wipLimit!;
  // Bring Review to one below its limit.
  for (const extra of review.cards.slice(limit - 1)) await api.move(extra.key, "Done");
  for (let n = review.cards.length; n < limit - 1; n++) {
    const filler = await api.createCard(tag("wip filler"), "Ready");
    await api.move(filler.key, "Review");
  }

  const run = tag("wip");
  const first = await api.createCard(`${run} first`, "Ready");
  const second = await api.createCard(`${run} second`, "Ready");
  await board.goto(workspace.org, key, { q: run });

  await board.dragCard(first.key, "Review");
  await expect(board.column("Review").locator(`[data-card="${first.key}"]`)).toBeVisible();
  await expect(page.locator('[data-column-header="Review"]')).toContainText(`${limit}/${limit}`);

  await board.dragCard(second.key, "Review");
  await expect(page.getByRole("alert").filter({ hasText: "WIP limit" })).toContainText(`"Review" is at its WIP limit of ${limit}`);
  await expect(board.column("Ready").locator(`[data-card="${second.key}"]`)).toBeVisible();
  await expect(board.column("Review").locator(`[data-card="${second.key}"]`)).toHaveCount(0);
});

test("[BOARD]: another user's move shows up live, without a reload", async ({ browser, workspace }) => {
  const { org, project } = workspace;
  const developer = await workspace.addMember(["developer"]);
  const contexts = await Promise.all([browser.newContext({ viewport: { width: 1600, height: 900 } }), browser.newContext({ viewport: { width: 1600, height: 900 } })]);
  const [mover, watcher] = await Promise.all(contexts.map((c) => c.newPage()));
  await apiSignIn(mover!.request, workspace.owner.email, workspace.owner.password);
  await apiSignIn(watcher!.request, developer.email, developer.password);
  const title = tag("live");
  const watching = new BoardPage(watcher!);
  await watching.goto(org, project.key, { q: title });

  // The card is created after the watcher opened the board: seeing it proves the live stream is up.
  const api = new BoardApi(mover!.request, org, project.key);
  const card = await api.createCard(title, "To do");
  await expect(watching.column("To do").locator(`[data-card="${card.key}"]`)).toBeVisible({ timeout: 5_000 });

  const moving = new BoardPage(mover!);
  await moving.goto(org, project.key, { q: title });
  const moved = mover!.waitForResponse((r) => r.url().includes("cards.move") && r.ok());
  await moving.dragCard(card.key, "In review");
  await moved;
  await expect(watching.column("In review").locator(`[data-card="${card.key}"]`)).toBeVisible({ timeout: 1_000 });
  await Promise.all(contexts.map((c) => c.close()));
});

test("[CARD]: the panel opens from its URL, saves a new title and lists the change in the history", async ({ page, workspace, board }) => {
  const api = workspace.cards();
  const title = tag("panel");
  const card = await api.createCard(title, "To do", { description: "Check **drift** first" });
  await board.goto(workspace.org, workspace.project.key, { card: card.key });

  const panel = board.panel(card.key);
  await expect(panel).toBeVisible();
  await expect(panel.getByRole("strong")).toHaveText("drift");
  await panel.getByLabel("Title").fill(`${title} renamed`);
  await panel.getByRole("button", { name: "Save changes" }).click();
  await expect(panel.getByRole("list", { name: "History" })).toContainText(`changed the title from ${title} to ${title} renamed`);
  await expect(panel.getByRole("list", { name: "History" })).toContainText(workspace.owner.name);

  await page.reload();
  await expect(board.panel(card.key).getByLabel("Title")).toHaveValue(`${title} renamed`);
});

test("[CARD]: saving over someone else's change is refused with a reload offer", async ({ workspace, board }) => {
  const api = workspace.cards();
  const title = tag("conflict");
  const card = await api.createCard(title, "To do");
  await board.goto(workspace.org, workspace.project.key, { card: card.key });
  const panel = board.panel(card.key);
  await panel.getByLabel("Title").fill(`${title} mine`);
  await api.update(card.key, { title: `${title} theirs` });

  await panel.getByRole("button", { name: "Save changes" }).click();
  await expect(panel.getByText(`${card.key} was changed by`)).toBeVisible();
  await panel.getByRole("button", { name: "Reload" }).click();
  await expect(panel.getByLabel("Title")).toHaveValue(`${title} theirs`);
});

test("[BOARD]: `c` opens New card; the card lands on the board and `/` searches for it", async ({ page, workspace, board, signInAs }) => {
  const { org, project } = workspace;
  const developer = await workspace.addMember(["developer"]);
  await signInAs(developer.email, developer.password);
  await board.goto(org, project.key);
  const title = tag("shortcut card");
  await page.keyboard.press("c");
  const dialog = page.getByRole("dialog", { name: `New card in ${project.key}` });
  await dialog.getByLabel("Title").fill(title);
  await dialog.getByLabel("Column").selectOption({ label: "In progress" });
  await dialog.getByRole("button", { name: "Create card" }).click();
  await expect(dialog).toBeHidden();

  await page.keyboard.press("/");
  await page.keyboard.type(title);
  await expect(page).toHaveURL(/q=shortcut/);
  await expect(board.column("In progress").getByText(title)).toBeVisible();
  await expect(page.locator("[data-card]")).toHaveCount(1);
});

test("[BOARD]: a viewer reads the board but cannot create or move cards", async ({ page, signInAs, board }) => {
  await signInAs(DEMO.viewer);
  await board.goto(DEMO.org, "CHURN");
  await expect(page.locator("[data-card]").first()).toBeVisible();
  await expect(page.getByRole("button", { name: "New card" })).toHaveCount(0);
  await expect(page.locator("[data-card]").first()).toHaveAttribute("aria-disabled", "true");
});
