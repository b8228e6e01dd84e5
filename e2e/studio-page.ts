import { expect, type APIRequestContext, type Locator, type Page } from "@playwright/test";

/** Page object for the studio: canvas elements by design id, palette, inspector, save state. */
export class StudioPage {
  constructor(readonly page: Page) {}

  get id(): string {
    const match = /\/designs\/([^/?#]+)/.exec(this.page.url());
    if (!match) throw new Error(`not on a studio page: ${this.page.url()}`);
    return match[1];
  }

  palette(name: string | RegExp): Locator {
    return this.page.getByRole("navigation", { name: "Palette" }).getByRole("button", { name, exact: typeof name === "string" });
  }
  node(id: string): Locator {
    return this.page.getByTestId(`node-${id}`);
  }
  region(id: string): Locator {
    return this.page.getByTestId(`region-${id}`);
  }
  get inspector(): Locator {
    return this.page.getByRole("complementary", { name: "Inspector" });
  }
  get saveState(): Locator {
    return this.page.getByTestId("save-state");
  }

  /** Selects a region by clicking its label strip (not a child). */
  async selectRegion(id: string) {
    await this.settle();
    const box = await this.region(id).boundingBox();
    if (!box) throw new Error(`region ${id} not visible`);
    await this.page.mouse.click(box.x + box.width - 12, box.y + 10);
  }

  /** Waits until the viewport stops moving (fit-view and zoom animations). */
  async settle() {
    const viewport = this.page.locator(".react-flow__viewport");
    let last = "";
    for (let i = 0; i < 40; i++) {
      const now = (await viewport.getAttribute("style")) ?? "";
      if (now === last) return;
      last = now;
      await this.page.waitForTimeout(100);
    }
  }

  async expectSaved() {
    await expect(this.saveState).toHaveText(/Saved/, { timeout: 15_000 });
  }

  /** The live session is connected and every edit of this page is acknowledged (issue 16). */
  async expectLive() {
    await expect(this.saveState).toHaveText("Saved", { timeout: 15_000 });
    await expect(this.saveState).toHaveAttribute("title", "Every edit is saved and shared live", { timeout: 15_000 });
  }

  /** Drags an element's centre to a point inside a target element (offset from its top-left). */
  async drag(source: Locator, target: Locator, offset = { x: 40, y: 60 }) {
    const from = await source.boundingBox();
    const to = await target.boundingBox();
    if (!from || !to) throw new Error("drag: element not visible");
    await this.page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await this.page.mouse.down();
    // A small first step, as a hand makes: React Flow starts dragging once past its threshold.
    await this.page.mouse.move(from.x + from.width / 2 + 3, from.y + from.height / 2 + 3);
    const end = { x: to.x + offset.x + from.width / 2, y: to.y + offset.y + from.height / 2 };
    await this.page.mouse.move(end.x, end.y, { steps: 20 });
    await this.page.mouse.up();
  }

  /** The saved document, straight from the API. */
  async savedDocument(request: APIRequestContext) {
    // Once more if the server closed the kept-alive socket just as it was reused (ECONNRESET before any answer).
    const res = await request.get(`/api/designs/${this.id}`, { maxRetries: 1 });
    expect(res.ok()).toBe(true);
    return (await res.json()) as { version: number; document: { nodes: { id: string; name: string; region: string; zone?: string }[]; regions: { id: string }[] } };
  }
}
