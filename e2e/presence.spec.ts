import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { createDesign, IDENTITY_KEY, person, sessionDesign } from "./live-session";

/**
 * Presence in a live session (issue 16): who is here, their pointers and selections on the canvas,
 * following a collaborator's viewport, reviewers marked. Every browser context is another person.
 */

const design = sessionDesign("Presence", "r2");

async function expectLive(page: Page) {
  await expect(page.getByTestId("presence-bar")).toBeVisible({ timeout: 15_000 });
}

async function expectAccessible(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const report = bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`).join("\n");
  expect(bad, `${what}:\n${report}`).toEqual([]);
}

async function centre(locator: Locator) {
  const box = await locator.boundingBox();
  if (!box) throw new Error("not visible");
  return { x: box.x + box.width / 2, y: box.y + box.height / 2, box };
}

/** The canvas's viewport (what part of the drawing is on screen, at what zoom), from its transform. */
async function viewportOf(page: Page) {
  const style = (await page.locator(".react-flow__viewport").getAttribute("style")) ?? "";
  const [x, y, zoom] = (/translate\(([-\d.]+)px, ([-\d.]+)px\) scale\(([-\d.]+)\)/.exec(style) ?? []).slice(1).map(Number);
  return { x, y, zoom };
}

/** The drawing's point at the middle of the canvas, and the zoom: what a follower lines up. */
async function viewCentre(page: Page) {
  const { x, y, zoom } = await viewportOf(page);
  const box = (await page.locator(".react-flow__pane").boundingBox())!;
  return { x: (box.width / 2 - x) / zoom, y: (box.height / 2 - y) / zoom, zoom };
}

test("two editors and a reviewer: avatars, the other's pointer and selection where they are, following a viewport, reviewers marked", async ({ browser, request, baseURL }) => {
  const id = await createDesign(request, design);
  const a = await person(browser, { baseURL, identity: null });
  const b = await person(browser, { baseURL, identity: { name: "Bob Builder", color: "#2ca02c" } });

  // A has never given a name: the studio asks once, without blocking the canvas.
  await a.page.goto(`/designs/${id}`);
  await expect(a.studio.node("pg1")).toBeVisible();
  const prompt = a.page.getByRole("dialog", { name: "How should others see you?" });
  await expect(prompt).toBeVisible({ timeout: 15_000 });
  await a.studio.node("pg3").click(); // editing goes on while it is open
  await expect(a.studio.inspector.getByRole("textbox", { name: "Name", exact: true })).toHaveValue("orders-3");
  await expectAccessible(a.page, "studio with the name prompt");
  await prompt.getByRole("textbox", { name: "Name" }).fill("Ada Lovelace");
  await prompt.getByRole("radio", { name: "Blue" }).click();
  await prompt.getByRole("button", { name: "Save" }).click();
  await expect(prompt).toBeHidden();
  await expect(a.page.getByRole("button", { name: "You (Ada Lovelace)" })).toBeVisible();
  // Asked once: the name is kept in this browser.
  expect(await a.page.evaluate((key) => localStorage.getItem(key), IDENTITY_KEY)).toContain("Ada Lovelace");

  await b.page.goto(`/designs/${id}`);
  await expect(b.studio.node("pg1")).toBeVisible();
  await expectLive(b.page);
  await expect(b.page.getByRole("dialog", { name: "How should others see you?" })).toHaveCount(0);
  await expect(b.page.getByRole("button", { name: "Ada Lovelace", exact: true })).toBeVisible({ timeout: 10_000 });
  await expect(b.page.getByRole("button", { name: "Ada Lovelace", exact: true }).locator("[aria-hidden=true]")).toHaveText("AL");
  await expect(a.page.getByRole("button", { name: "Bob Builder", exact: true })).toBeVisible();
  await expect(a.page.getByTestId("presence-bar")).toHaveAttribute("aria-label", "2 people here");
  await a.studio.settle();
  await b.studio.settle();

  // A points at orders-2: B sees A's arrow on B's own orders-2 (canvas coordinates, whatever B's view).
  const target = await centre(a.studio.node("pg2"));
  await a.page.mouse.move(target.x - 20, target.y - 5);
  await a.page.mouse.move(target.x, target.y, { steps: 4 });
  const cursor = b.page.getByTestId("peer-cursor").filter({ hasText: "Ada Lovelace" });
  await expect(cursor).toBeVisible();
  await expect(b.page.getByTestId("presence-layer")).toHaveAttribute("aria-hidden", "true");
  await expect
    .poll(async () => {
      const tip = await cursor.boundingBox();
      const there = await centre(b.studio.node("pg2"));
      return tip ? Math.round(Math.hypot(tip.x - there.x, tip.y - there.y)) : 999;
    }, { message: "A's pointer is drawn on orders-2 in B's studio" })
    .toBeLessThan(12);

  // A selects orders-1: B sees it outlined, with A's name.
  await a.studio.node("pg1").click();
  const outline = b.page.locator('[data-testid="peer-selection"][data-element="node:pg1"]');
  await expect(outline).toBeVisible();
  await expect(outline).toContainText("Ada Lovelace");
  const o = (await outline.boundingBox())!;
  const n = (await b.studio.node("pg1").boundingBox())!;
  expect(Math.abs(o.x - n.x)).toBeLessThan(4);
  expect(Math.abs(o.width - n.width)).toBeLessThan(4);

  // A leaves the canvas: the arrow goes.
  await a.page.mouse.move(5, 5);
  await expect(cursor).toHaveCount(0);

  // B follows A on a smaller screen: A zooms and pans, B's canvas shows the middle of what A sees.
  await b.page.setViewportSize({ width: 1280, height: 800 });
  await b.page.getByRole("button", { name: "Ada Lovelace", exact: true }).click();
  await b.page.getByRole("dialog", { name: "People here" }).getByRole("button", { name: "Follow Ada Lovelace" }).click();
  const chip = b.page.getByRole("status").filter({ hasText: "Following Ada Lovelace" });
  await expect(chip).toBeVisible();
  const pane = await centre(a.page.locator(".react-flow__pane"));
  await a.page.mouse.move(pane.x, pane.y);
  await a.page.mouse.wheel(0, -300);
  await a.studio.settle();
  await a.page.mouse.move(pane.x, pane.box.y + 40);
  await a.page.mouse.down();
  await a.page.mouse.move(pane.x - 120, pane.box.y + 80, { steps: 5 });
  await a.page.mouse.up();
  await a.studio.settle();
  const seen = await viewCentre(a.page);
  expect(seen.zoom).toBeGreaterThan(1.3); // A zoomed in
  await expect
    .poll(async () => {
      const now = await viewCentre(b.page);
      return Math.abs(now.x - seen.x) < 1 && Math.abs(now.y - seen.y) < 1 && Math.abs(now.zoom - seen.zoom) < 0.001;
    }, { message: "B's canvas is centred where A's is, at A's zoom" })
    .toBe(true);

  // Esc stops following (and so does the chip's Stop, from the keyboard).
  await b.page.keyboard.press("Escape");
  await expect(chip).toBeHidden();
  await b.page.getByRole("button", { name: "Ada Lovelace", exact: true }).click();
  await b.page.getByRole("dialog", { name: "People here" }).getByRole("button", { name: "Follow Ada Lovelace" }).click();
  await expect(chip).toBeVisible();
  await expectAccessible(b.page, "studio following someone");
  await chip.getByRole("button", { name: "Stop" }).focus();
  await b.page.keyboard.press("Enter");
  await expect(chip).toBeHidden();

  // A reviewer opens a review link: everyone sees them marked as a reviewer.
  const { path } = (await (await request.post(`/api/designs/${id}/review-links`, { data: {} })).json()) as { path: string };
  const r = await person(browser, { owner: false, baseURL, identity: { name: "Rita", color: "#9467bd" } });
  await r.page.goto(path);
  await expect(r.page.getByTestId("read-only")).toBeVisible();
  await expectLive(r.page);
  await expect(a.page.getByRole("button", { name: "Rita · reviewer", exact: true })).toBeVisible({ timeout: 10_000 });
  await expect(a.page.getByTestId("presence-bar")).toHaveAttribute("aria-label", "3 people here, 1 reviewer");
  await expect(r.page.getByRole("button", { name: "You (Rita · reviewer)" })).toBeVisible();
  await expect(r.page.getByRole("button", { name: "Ada Lovelace", exact: true })).toBeVisible();
  await r.studio.settle();
  const rTarget = await centre(r.studio.node("pg3"));
  await r.page.mouse.move(rTarget.x, rTarget.y, { steps: 3 });
  const rCursor = a.page.getByTestId("peer-cursor").filter({ hasText: "Rita · reviewer" });
  await expect(rCursor).toBeVisible();
  await expect(rCursor).toHaveClass(/reviewer/);
  await a.page.getByRole("button", { name: "Rita · reviewer", exact: true }).click();
  await expect(a.page.getByRole("dialog", { name: "People here" })).toContainText("Reviewer · read-only");
  await expectAccessible(a.page, "studio with the people list open");

  // The name can be changed later from one's own avatar; the others see the new name.
  await a.page.keyboard.press("Escape");
  await a.page.getByRole("button", { name: "You (Ada Lovelace)" }).click();
  await a.page.getByRole("dialog", { name: "People here" }).getByRole("button", { name: "Change name" }).click();
  const form = a.page.getByRole("dialog", { name: "Your name and colour" });
  await form.getByRole("textbox", { name: "Name" }).fill("Ada L.");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(b.page.getByRole("button", { name: "Ada L.", exact: true })).toBeVisible();

  // Someone leaving leaves the bar.
  await r.context.close();
  await expect(a.page.getByRole("button", { name: "Rita · reviewer", exact: true })).toHaveCount(0, { timeout: 15_000 });
  await a.context.close();
  await b.context.close();
});
