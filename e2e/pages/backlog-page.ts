import { expect, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import { BOARD_RENDER_TIMEOUT } from "./board-page";

/** The Scrum planning view: sprint sections and the ranked backlog, with drag and drop in the page object. */
export class BacklogPage {
  constructor(private readonly page: Page) {}

  async goto(org: string, key: string) {
    await this.page.goto(`/${org}/${key}/backlog`);
    // Rendered in the browser, like the board: see BOARD_RENDER_TIMEOUT.
    await expect(this.section("Backlog")).toBeVisible({ timeout: BOARD_RENDER_TIMEOUT });
  }

  /** A sprint section or the backlog, by its heading. */
  section(name: string): Locator {
    return this.page.getByRole("region", { name, exact: true });
  }

  cards(section: string): Locator {
    return this.section(section).locator("li[data-card]");
  }

  handle(title: string): Locator {
    return this.page.getByRole("button", { name: new RegExp(`^Move [A-Z0-9]+-\\d+: ${escapeRegExp(title)}$`) });
  }

  /** Drags a card by its grip with the mouse onto the bottom of another list. */
  async dragCard(title: string, target: string) {
    const from = await this.handle(title).boundingBox();
    const list = await this.section(target).getByRole("list").boundingBox();
    if (!from || !list) throw new Error(`cannot drag ${title} to ${target}: not on screen`);
    const m = this.page.mouse;
    await m.move(from.x + from.width / 2, from.y + from.height / 2);
    await m.down();
    await m.move(from.x + from.width / 2, from.y + from.height / 2 + 12, { steps: 4 });
    await m.move(list.x + list.width / 2, list.y + list.height - 6, { steps: 20 });
    // The list grows once the card joins it: follow its new bottom edge before dropping.
    await this.page.waitForTimeout(150);
    const grown = (await this.section(target).getByRole("list").boundingBox()) ?? list;
    await m.move(grown.x + grown.width / 2, grown.y + grown.height - 4, { steps: 6 });
    await m.up();
  }

  /** Moves a card with the keyboard: space to lift, arrows, space to drop. */
  async keyboardMove(title: string, keys: string[]) {
    // dnd-kit measures the lists when a drag starts and moves on the next frame: pace the keys like a person.
    const pause = () => this.page.waitForTimeout(120);
    await this.handle(title).focus();
    await this.page.keyboard.press("Space");
    await pause();
    for (const k of keys) {
      await this.page.keyboard.press(k);
      await pause();
    }
    await this.page.keyboard.press("Space");
  }
}

/** Calls the REST API with the page's session cookie and returns the JSON body. */
export async function api<T = unknown>(request: APIRequestContext, method: "GET" | "POST", path: string, data?: unknown): Promise<T> {
  const res = await request.fetch(`/api/v1${path}`, { method, data });
  expect(res.ok(), `${method} ${path}: ${res.status()} ${await res.text()}`).toBeTruthy();
  return (await res.json()) as T;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
