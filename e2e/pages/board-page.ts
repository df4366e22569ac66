import { expect, type APIRequestContext, type Locator, type Page } from "@playwright/test";

type ApiCard = { key: string; id: string; title: string; columnId: string; version: number };
type ApiBoard = {
  board: { kind: "scrum" | "kanban" };
  activeSprint: { id: string; name: string } | null;
  columns: { id: string; name: string; wipLimit: number | null; wipStrict: boolean; cards: ApiCard[] }[];
};

/** How long the first client render of a board may take. */
export const BOARD_RENDER_TIMEOUT = 30_000;

/** Seeds and inspects a project's board through the REST API, with the request context's session. */
export class BoardApi {
  constructor(
    private readonly request: APIRequestContext,
    readonly org: string,
    readonly project: string,
  ) {}

  async board(): Promise<ApiBoard> {
    const res = await this.request.get(`/api/v1/orgs/${this.org}/projects/${this.project}/board`);
    expect(res.ok(), await res.text()).toBeTruthy();
    return res.json();
  }

  async column(name: string) {
    const col = (await this.board()).columns.find((c) => c.name === name);
    if (!col) throw new Error(`no column ${name} on ${this.project}`);
    return col;
  }

  /** Creates a card in a column (and, on a Scrum board, in the active sprint so the board shows it). */
  async createCard(title: string, columnName: string, fields: Record<string, unknown> = {}): Promise<ApiCard> {
    const b = await this.board();
    const column = b.columns.find((c) => c.name === columnName)!;
    const res = await this.request.post(`/api/v1/orgs/${this.org}/projects/${this.project}/cards`, {
      data: { title, column: column.id, sprintId: b.activeSprint?.id ?? null, ...fields },
    });
    expect(res.ok(), await res.text()).toBeTruthy();
    return res.json();
  }

  async move(cardKey: string, columnName: string) {
    const column = await this.column(columnName);
    const res = await this.request.post(`/api/v1/orgs/${this.org}/cards/${cardKey}/move`, { data: { column: column.id } });
    expect(res.ok(), await res.text()).toBeTruthy();
  }

  async update(cardKey: string, data: Record<string, unknown>) {
    const res = await this.request.patch(`/api/v1/orgs/${this.org}/cards/${cardKey}`, { data });
    expect(res.ok(), await res.text()).toBeTruthy();
    return res.json();
  }
}

/** A project's board page: columns, cards, drag and drop, the card panel. */
export class BoardPage {
  constructor(readonly page: Page) {}

  async goto(org: string, project: string, params: Record<string, string> = {}) {
    const qs = new URLSearchParams(params).toString();
    await this.page.goto(`/${org}/${project}/board${qs ? `?${qs}` : ""}`);
    // The board renders in the browser once its data arrives; a CPU-starved Chromium (two workers on
    // a busy 2-core machine) can take longer than one expect timeout for the first render.
    await expect(this.page.getByRole("toolbar", { name: "Board filters" })).toBeVisible({ timeout: BOARD_RENDER_TIMEOUT });
  }

  /** The cards list of a column (without swimlanes). */
  column(name: string): Locator {
    return this.page.getByRole("list", { name: `${name} cards`, exact: true });
  }

  card(key: string): Locator {
    return this.page.locator(`[data-card="${key}"]`);
  }

  /** Drags with the mouse in small steps, as dnd-kit's pointer sensor needs movement to start. */
  async dragCard(key: string, toColumn: string) {
    const from = await this.card(key).boundingBox();
    if (!from) throw new Error(`card ${key} is not visible`);
    const target = async () => {
      const box = await this.column(toColumn).boundingBox();
      if (!box) throw new Error(`column ${toColumn} is not visible`);
      return { x: box.x + box.width / 2, y: box.y + 30 };
    };
    const { mouse } = this.page;
    await mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await mouse.down();
    await mouse.move(from.x + from.width / 2 + 10, from.y + from.height / 2 + 5, { steps: 3 });
    let to = await target();
    await mouse.move(to.x, to.y, { steps: 12 });
    // The board may have auto-scrolled while dragging: aim again at where the column is now.
    to = await target();
    await mouse.move(to.x, to.y + 4, { steps: 3 });
    await mouse.up();
  }

  /** Space lifts the focused card, arrows move it, Space drops it. */
  async keyboardMove(key: string, keys: string[]) {
    const card = this.card(key);
    await card.focus();
    await this.page.keyboard.press("Space");
    // dnd-kit marks the lifted card; arrows pressed before that, or faster than a frame, are lost.
    await expect(card).toHaveAttribute("aria-pressed", "true");
    for (const k of keys) {
      await this.page.keyboard.press(k);
      await this.page.waitForTimeout(150);
    }
    await this.page.keyboard.press("Space");
  }

  panel(key: string): Locator {
    return this.page.getByRole("dialog", { name: `Card ${key}` });
  }
}
