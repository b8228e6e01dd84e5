import { expect, test, type Page } from "@playwright/test";
import { threeRegionDesign } from "../lib/design/testing/three-regions";
import { StudioPage } from "./studio-page";

/** Opens a copy of the three-region design (13 nodes, four stores) at fit. */
async function openThreeRegions(page: Page) {
  const created = await (await page.request.post("/api/designs", { data: threeRegionDesign })).json();
  await page.goto(`/designs/${created.id}`);
  const studio = new StudioPage(page);
  await expect(studio.node("ledger-4")).toBeVisible();
  await studio.settle();
  return studio;
}

test("a three-region design is readable at fit on 1440×900: the canvas is the largest area, card text ≥ 11 px, no line through a card (issue 13)", async ({ page }) => {
  await openThreeRegions(page);
  const measured = await page.evaluate(() => {
    const area = (selector: string) => {
      const r = document.querySelector(selector)!.getBoundingClientRect();
      return r.width * r.height;
    };
    const zoom = new DOMMatrix(getComputedStyle(document.querySelector(".react-flow__viewport")!).transform).a;
    const fonts = [...document.querySelectorAll(".node-card .node-name, .node-card .node-meta")].map((e) => parseFloat(getComputedStyle(e).fontSize) * zoom);
    const cards = [...document.querySelectorAll(".node-card")].map((e) => e.getBoundingClientRect());
    // Sample every drawn store line every 2 px and look for a point inside a card (1 px in from its border).
    let inside = 0;
    for (const path of document.querySelectorAll<SVGPathElement>(".store-line")) {
      const matrix = path.getScreenCTM()!;
      for (let at = 0; at <= path.getTotalLength(); at += 2) {
        const p = new DOMPoint(path.getPointAtLength(at).x, path.getPointAtLength(at).y).matrixTransform(matrix);
        if (cards.some((c) => p.x > c.left + 1 && p.x < c.right - 1 && p.y > c.top + 1 && p.y < c.bottom - 1)) inside++;
      }
    }
    const labels = [...document.querySelectorAll(".store-label")].map((e) => e.getBoundingClientRect());
    const labelOverCard = labels.filter((l) => cards.some((c) => l.left < c.right && c.left < l.right && l.top < c.bottom && c.top < l.bottom)).length;
    return {
      canvas: area(".canvas-wrap"),
      others: [area(".bottom-panel"), area(".side-panel"), area(".sidebar")],
      window: innerWidth * innerHeight,
      minFont: Math.min(...fonts),
      lines: document.querySelectorAll(".store-line").length,
      labels: labels.length,
      inside,
      labelOverCard,
    };
  });
  expect(measured.canvas / measured.window).toBeGreaterThan(0.42);
  for (const other of measured.others) expect(measured.canvas).toBeGreaterThan(2 * other);
  expect(measured.minFont).toBeGreaterThanOrEqual(11);
  expect(measured.lines).toBe(3 + 2 + 2 + 1); // one line to every replica but each store's first
  expect(measured.labels).toBe(4);
  expect(measured.inside).toBe(0);
  expect(measured.labelOverCard).toBe(0);
});

test("a node dropped on a zone's edge lands inside the zone, which grows instead of spilling over its neighbour (issue 13)", async ({ page }) => {
  const studio = await openThreeRegions(page);
  const zoneA = page.getByTestId("zone-use1-a");
  const zoneB = page.getByTestId("zone-use1-b");
  const box = (await zoneA.boundingBox())!;
  const card = (await studio.node("etcd-1").boundingBox())!;
  // Drop etcd-1 with its centre just inside zone a's bottom-right corner: most of it hangs outside.
  await studio.drag(studio.node("etcd-1"), zoneA, { x: box.width - 8 - card.width / 2, y: box.height - 6 - card.height / 2 });
  await studio.settle();
  await expect.poll(async () => (await studio.savedDocument(page.request)).document.nodes.find((n) => n.id === "etcd-1")?.zone).toBe("a");
  const node = (await studio.node("etcd-1").boundingBox())!;
  const zone = (await zoneA.boundingBox())!;
  const below = (await zoneB.boundingBox())!;
  expect(node.x).toBeGreaterThanOrEqual(zone.x);
  expect(node.x + node.width).toBeLessThanOrEqual(zone.x + zone.width);
  expect(node.y + node.height).toBeLessThanOrEqual(zone.y + zone.height);
  expect(zone.y + zone.height).toBeLessThanOrEqual(below.y); // zone b moved down with it
  for (const other of ["api-use1", "ledger-1"]) {
    const o = (await studio.node(other).boundingBox())!;
    expect(node.y >= o.y + o.height || node.y + node.height <= o.y, `clear of ${other}`).toBe(true);
  }
});

test("the bottom panel and the inspector collapse and resize, by mouse or keys, and stay so after a reload (issue 13)", async ({ page }) => {
  await openThreeRegions(page);
  const canvas = page.locator(".canvas-wrap");
  const height = (await canvas.boundingBox())!.height;
  const separator = page.getByRole("separator", { name: /Resize the bottom panel/ });
  await separator.focus();
  const size = Number(await separator.getAttribute("aria-valuenow"));
  await page.keyboard.press("ArrowUp");
  await expect(separator).toHaveAttribute("aria-valuenow", String(size + 20));
  await page.getByRole("button", { name: "▾ Hide" }).click();
  await expect.poll(async () => (await canvas.boundingBox())!.height).toBeGreaterThan(height + 100);

  const inspector = page.getByRole("separator", { name: /Resize the inspector/ });
  const handle = (await inspector.boundingBox())!;
  await page.mouse.move(handle.x + handle.width / 2, handle.y + 200);
  await page.mouse.down();
  await page.mouse.move(handle.x + handle.width / 2 - 60, handle.y + 200, { steps: 5 });
  await page.mouse.up();
  await expect(inspector).toHaveAttribute("aria-valuenow", "360");
  await page.getByRole("button", { name: "Hide the inspector" }).click();
  await expect(page.getByRole("complementary", { name: "Inspector" })).toHaveCount(0);
  const wide = (await canvas.boundingBox())!.width;

  await page.reload();
  await expect(page.getByRole("button", { name: "Show the inspector" })).toBeVisible();
  await expect(page.getByRole("button", { name: "▴ Show" })).toBeVisible();
  expect((await canvas.boundingBox())!.width).toBeCloseTo(wide, 0);
  await page.getByRole("button", { name: "Show the inspector" }).click();
  await expect(page.getByRole("separator", { name: /Resize the inspector/ })).toHaveAttribute("aria-valuenow", "360");
  await page.getByRole("button", { name: "▴ Show" }).click();
  await expect(page.getByRole("separator", { name: /Resize the bottom panel/ })).toHaveAttribute("aria-valuenow", String(size + 20));
  await page.evaluate(() => localStorage.clear());
});

test("in the simulator the top region's header can be clicked to fail it: the banner sits at the canvas's foot (issue 13)", async ({ page }) => {
  const studio = await openThreeRegions(page);
  await page.getByRole("radio", { name: "Simulate" }).click();
  const banner = (await page.locator(".mode-banner").boundingBox())!;
  const region = (await studio.region("use1").boundingBox())!;
  expect(banner.y).toBeGreaterThan(region.y + 40);
  await page.mouse.click(region.x + region.width - 20, region.y + 12);
  await expect(studio.region("use1")).toHaveAttribute("data-failed", "true");
});

test("zoomed out, cards are plain boxes with their name, the selected one filled, what they no longer draw in their tooltip; zoomed back in, full cards (issue 15)", async ({ page }) => {
  const studio = await openThreeRegions(page);
  const ledger = studio.node("ledger-1");
  await expect(ledger.locator(".node-icon")).toBeVisible();
  await expect(ledger.locator(".store-chips")).toBeVisible();
  await ledger.click();
  await expect(studio.inspector.getByRole("textbox", { name: "Name", exact: true })).toHaveValue("ledger-1");
  const simple = page.locator(".node-card.simple");
  for (let i = 0; i < 8 && (await simple.count()) === 0; i++) {
    await page.locator(".react-flow__controls-zoomout").click();
    await studio.settle();
  }
  await expect(simple).toHaveCount(13);
  await expect(ledger).toContainText("ledger-1");
  await expect(ledger.locator(".node-icon, .store-chips, .status-dot")).toHaveCount(0);
  await expect(ledger).toHaveAttribute("title", /^ledger-1 \(Database, ledger-1\) — .* · stores: .*Ledger \(leader\)/);
  const fills = await page.evaluate(() => {
    const probe = document.body.appendChild(document.createElement("div"));
    probe.style.background = "var(--accent)";
    const accent = getComputedStyle(probe).backgroundColor;
    probe.remove();
    const fill = (id: string) => getComputedStyle(document.querySelector(`[data-testid="node-${id}"]`)!).backgroundColor;
    return { accent, selected: fill("ledger-1"), other: fill("ledger-2") };
  });
  expect(fills.selected).toBe(fills.accent);
  expect(fills.other).not.toBe(fills.accent);
  await page.locator(".react-flow__controls-fitview").click();
  await studio.settle();
  await expect(simple).toHaveCount(0);
  await expect(ledger.locator(".node-icon")).toBeVisible();
  await expect(ledger.locator(".store-chips")).toBeVisible();
});

test("a large design: every store's straight lines in one layer follow a dragged card, and the minimap moves the view (issue 15)", async ({ page }) => {
  const { largeDesign } = await import("../lib/design/testing/generate");
  const design = largeDesign({ nodes: 150, stores: 15, operations: 20 });
  const created = await (await page.request.post("/api/designs", { data: design })).json();
  await page.goto(`/designs/${created.id}`);
  const studio = new StudioPage(page);
  await expect(studio.node("n1")).toBeVisible();
  await studio.settle();
  // One labelled group of lines per store, all in one SVG (not one React Flow edge per line).
  await expect(page.locator("svg.store-lines")).toHaveCount(1);
  await expect(page.locator(".react-flow__edge")).toHaveCount(0);
  await expect(page.locator("svg.store-lines .store-route")).toHaveCount(design.stores!.length);
  const store = design.stores![0];
  const label = page.locator(`[data-testid="route-${store.id}"] .store-label`);
  await expect(label).toHaveAttribute("data-full-label", new RegExp(store.name));

  // Dragging a member of the store moves its lines with it, before the drop.
  const member = studio.node(store.replicas[1]);
  const lines = page.locator(`[data-testid="route-${store.id}"] line.store-line`);
  const ends = () => lines.evaluateAll((all) => all.map((l) => ["x1", "y1", "x2", "y2"].map((a) => l.getAttribute(a)).join(",")).join(" "));
  const before = await ends();
  const box = (await member.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 30, box.y + box.height / 2 + 24, { steps: 6 });
  await expect.poll(ends).not.toBe(before);
  await page.mouse.up();

  // The minimap: a press moves the view there (the viewport's transform changes).
  const viewport = page.locator(".react-flow__viewport");
  const at = await viewport.getAttribute("style");
  const map = page.getByRole("img", { name: /Minimap/ });
  await expect(map).toBeVisible();
  const m = (await map.boundingBox())!;
  await page.mouse.click(m.x + 12, m.y + 12);
  await expect.poll(() => viewport.getAttribute("style")).not.toBe(at);
});
