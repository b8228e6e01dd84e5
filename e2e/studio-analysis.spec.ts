import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { analyze } from "../lib/analysis/index";
import { largeDesign } from "../lib/design/testing/generate";
import { StudioPage } from "./studio-page";

async function newDesign(page: Page): Promise<StudioPage> {
  await page.goto("/");
  await page.getByRole("button", { name: "New design" }).click();
  await expect(page).toHaveURL(/\/designs\//);
  return new StudioPage(page);
}

/** Three regions, one database in each, RTTs between them: the groundwork of most tests here. */
async function threeRegions(studio: StudioPage) {
  const { page } = studio;
  for (let i = 0; i < 3; i++) await studio.palette("Region").click();
  for (const [region, expected] of [["region-1", "database-1"], ["region-2", "database-2"], ["region-3", "database-3"]] as const) {
    await studio.selectRegion(region);
    await studio.palette("Database").click();
    await expect(studio.node(expected)).toBeVisible();
  }
  await page.keyboard.press("Escape");
  const context = page.getByRole("region", { name: "System context" });
  await context.getByLabel("RTT Region 1 to Region 2").fill("80");
  await context.getByLabel("RTT Region 1 to Region 3").fill("150");
  await context.getByLabel("RTT Region 2 to Region 3").fill("100");
  await context.getByLabel("Partitions").selectOption("must-handle");
}

async function makeStoreOfAll(studio: StudioPage) {
  const { page } = studio;
  await studio.node("database-1").click();
  await studio.node("database-2").click({ modifiers: ["Shift"] });
  await studio.node("database-3").click({ modifiers: ["Shift"] });
  await page.getByRole("navigation", { name: "Palette" }).getByRole("button", { name: "Make store (3)" }).click();
  const inspector = studio.inspector;
  await expect(inspector.getByRole("heading", { name: "Store" })).toBeVisible();
  await inspector.getByLabel("Protocol").selectOption("raft");
  await inspector.getByLabel("Fencing tokens on leadership / lock grants").check();
}

test("build a three-region consensus store with two operations through the UI; moving the leader changes latency and the verdict", async ({ page }) => {
  const studio = await newDesign(page);
  await threeRegions(studio);
  await makeStoreOfAll(studio);

  // Two operations.
  const ops = page.getByRole("table", { name: "Operations" });
  await page.getByRole("button", { name: "+ Add operation" }).click();
  await page.getByRole("button", { name: "+ Add operation" }).click();
  const op1 = ops.locator('tbody[data-op="operation-1"]');
  const op2 = ops.locator('tbody[data-op="operation-2"]');
  await op1.getByLabel("Operation name").fill("Place order");
  // What does not fit the row (callers, SLOs, quorum, survival, freshness) is in its details.
  await ops.getByRole("button", { name: "All details" }).click();
  await op1.getByLabel("Callers' region").selectOption("region-1");
  await op1.getByLabel("Latency SLO (ms)").fill("100");
  await op2.getByLabel("Operation name").fill("Read order");
  await op2.getByLabel("Type").selectOption("read");
  await op2.getByLabel("Callers' region").selectOption("region-1");

  // Leader database-1 in region-1: 1 + kth({0, 80, 150}, 2) = 81 ms, within the SLO.
  await expect(op1).toContainText("81 ms");
  await expect(op1).toContainText("✔ linearizable");
  await expect(page.getByTestId("verdict")).toContainText("SOUND");

  // Move the leader to database-3 (region-3): 150 + kth({150, 100, 0}, 2) = 250 ms, over the SLO.
  await page.getByRole("navigation", { name: "Palette" }).getByRole("button", { name: /Store 1/ }).click();
  await studio.inspector.getByRole("button", { name: "Make Database 3 the leader" }).click();
  await expect(op1).toContainText("250 ms");
  await expect(page.getByTestId("verdict")).toContainText("NEEDS REVISION");

  // The analysis says why.
  await page.getByRole("tab", { name: /Analysis/ }).click();
  const finding = page.locator('[data-finding="latency-slo:operation-1"]');
  await expect(finding).toContainText("takes about 250 ms, over its 100 ms SLO");
  await finding.click();
  await expect(page.getByRole("tab", { name: /Operations/ })).toHaveAttribute("aria-selected", "true");
  await expect(op1).toHaveClass(/focused/);

  // "why?" shows the engine's formula and inputs.
  await op1.getByRole("button", { name: "?" }).nth(2).click();
  await expect(op1.getByRole("note")).toContainText("latency = rtt(C, L) + kth({rtt(L, r)}, majority) = 150 + kth({150, 100, 0}, 2) = 250 ms");

  // Everything persisted.
  await studio.expectSaved();
  await page.reload();
  await expect(page.getByTestId("verdict")).toContainText("NEEDS REVISION");
});

test("simulator: failing regions makes the right operations unavailable; reset restores them", async ({ page }) => {
  const studio = await newDesign(page);
  await threeRegions(studio);
  await makeStoreOfAll(studio);
  await page.getByRole("button", { name: "+ Add operation" }).click();
  await page.getByRole("button", { name: "+ Add operation" }).click();
  const ops = page.getByRole("table", { name: "Operations" });
  await ops.locator('tbody[data-op="operation-2"]').getByLabel("Type").selectOption("read");
  await ops.locator('tbody[data-op="operation-2"]').getByRole("button", { name: /^Details of / }).click();
  await ops.locator('tbody[data-op="operation-2"]').getByLabel("Read mode override").selectOption("follower");

  await page.getByRole("radio", { name: "Simulate" }).click();
  await expect(page.getByTestId("sim-counts")).toContainText("2 available · 0 unavailable");
  await studio.settle();
  await studio.selectRegion("region-3");
  await expect(studio.region("region-3")).toContainText("FAILED");
  await expect(page.getByTestId("sim-counts")).toContainText("2 available · 0 unavailable");
  await studio.selectRegion("region-2");
  // Majority lost: the write and quorum reads stop; a follower read still finds a replica.
  await expect(ops.locator('tbody[data-op="operation-1"]')).toHaveAttribute("data-sim", "unavailable");
  await expect(ops.locator('tbody[data-op="operation-2"]')).toHaveAttribute("data-sim", "available");
  await expect(page.getByTestId("sim-counts")).toContainText("1 available · 1 unavailable");
  await expect(studio.node("database-2")).toHaveAttribute("data-down", "true");
  // Replication to the failed replicas is drawn faded; the panel names what failed.
  await expect(page.locator('.react-flow__edge-path[style*="opacity: 0.25"]')).toHaveCount(2);
  await expect(page.getByRole("complementary", { name: "Simulator" })).toContainText("region Region 2");

  // Scenarios are not saved into the design unless the user names them.
  await studio.expectSaved();
  expect(JSON.stringify((await studio.savedDocument(page.request)).document)).not.toContain("fail");
  const simulator = page.getByRole("complementary", { name: "Simulator" });
  await simulator.getByLabel("Scenario name").fill("Two regions down");
  await simulator.getByRole("button", { name: "Save" }).click();
  await studio.expectSaved();
  const saved = (await studio.savedDocument(page.request)).document as unknown as { scenarios: unknown };
  expect(saved.scenarios).toEqual([{ name: "Two regions down", failRegions: ["region-3", "region-2"] }]);

  await simulator.getByRole("button", { name: "Reset" }).click();
  await expect(page.getByTestId("sim-counts")).toContainText("2 available · 0 unavailable");
  await simulator.getByRole("button", { name: "Two regions down", exact: true }).click();
  await expect(page.getByTestId("sim-counts")).toContainText("1 available · 1 unavailable");
  await page.keyboard.press("Escape");
  await expect(page.getByRole("radio", { name: "Design" })).toHaveAttribute("aria-checked", "true");
});

test("a finding click selects its element: an operation's row, a store's replicas on the canvas", async ({ page }) => {
  const studio = await newDesign(page);
  for (let i = 0; i < 2; i++) await studio.palette("Region").click();
  await studio.selectRegion("region-1");
  await studio.palette("Database").click();
  await studio.selectRegion("region-2");
  await studio.palette("Database").click();
  await studio.node("database-1").click();
  await studio.node("database-2").click({ modifiers: ["Shift"] });
  await page.getByRole("navigation", { name: "Palette" }).getByRole("button", { name: "Make store (2)" }).click();
  await page.getByRole("button", { name: "+ Add operation" }).click();
  await page.getByRole("tab", { name: /Analysis/ }).click();
  // No round trip between the two regions: the operation's latency is unknown (version 2 targets
  // the operation whose figure it made unknown).
  const missing = page.locator('[data-finding="missing-latency:operation-1"]');
  await expect(missing).toBeVisible();
  await page.keyboard.press("Escape");
  await missing.click();
  await expect(page.locator('tbody[data-op="operation-1"]')).toHaveClass(/focused/);
  // A store finding (two voters: even-consensus-size) selects the store and fits its replicas into view.
  await page.getByRole("tab", { name: /Analysis/ }).click();
  await page.locator('[data-finding="even-consensus-size:store-1"]').click();
  await expect(studio.inspector.getByRole("heading", { name: /Store/ })).toBeVisible();
  await studio.settle();
  const pane = (await page.locator(".react-flow").boundingBox())!;
  for (const id of ["database-1", "database-2"]) {
    const box = (await studio.node(id).boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(pane.x);
    expect(box.x + box.width).toBeLessThanOrEqual(pane.x + pane.width);
  }
});

test("undo and redo restore a deleted node, with the keyboard and the buttons", async ({ page, request }) => {
  const studio = await newDesign(page);
  await studio.palette("Region").click();
  await studio.palette("Cache").click();
  await studio.palette("Lock").click();
  await studio.node("cache-1").click();
  await page.keyboard.press("Delete");
  await expect(studio.node("cache-1")).toHaveCount(0);
  await page.keyboard.press("Control+z");
  await expect(studio.node("cache-1")).toBeVisible();
  await page.keyboard.press("Control+Shift+z");
  await expect(studio.node("cache-1")).toHaveCount(0);
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(studio.node("cache-1")).toBeVisible();
  await studio.expectSaved();
  const saved = await studio.savedDocument(request);
  expect(saved.document.nodes.map((n) => n.id)).toEqual(["cache-1", "lock-1"]);
});

test("the help dialog lists the shortcuts and closes with Escape", async ({ page }) => {
  await newDesign(page);
  await page.keyboard.press("?");
  const dialog = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("Undo");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
});

test("operations can be typed without the mouse: Enter goes to the next name, and adds a row at the end", async ({ page, request }) => {
  const design = JSON.parse(readFileSync("examples/raft-ledger.json", "utf8"));
  const created = await (await request.post("/api/designs", { data: design })).json();
  await page.goto(`/designs/${created.id}`);
  const ops = page.getByRole("table", { name: "Operations" });
  const names = ops.getByLabel("Operation name");
  const before = await names.count();
  await names.first().click();
  for (let i = 0; i < before; i++) await page.keyboard.press("Enter");
  // Past the last row: a new operation on the same store, its name selected for typing.
  await expect(names).toHaveCount(before + 1);
  await page.keyboard.type("Audit balance");
  await page.keyboard.press("Enter");
  await expect(names).toHaveCount(before + 2);
  await page.keyboard.type("Close account");
  await page.keyboard.press("Tab");
  await expect(names.nth(before)).toHaveValue("Audit balance");
  await expect(names.nth(before + 1)).toHaveValue("Close account");
  const last = ops.locator("tbody tr").last();
  await expect(last.getByLabel("Store")).toHaveValue(design.operations.at(-1).store);
  // Alt+↑ moves it up one row.
  await names.nth(before + 1).focus();
  await page.keyboard.press("Alt+ArrowUp");
  await expect(names.nth(before)).toHaveValue("Close account");
  const studio = new StudioPage(page);
  await studio.expectSaved();
  const saved = (await studio.savedDocument(request)).document as unknown as { operations: { name: string }[] };
  expect(saved.operations.slice(-2).map((o) => o.name)).toEqual(["Close account", "Audit balance"]);
});

test("a long operations list renders only the rows in view, and a finding still reaches its row", async ({ page, request }) => {
  const design = largeDesign({ nodes: 200, stores: 20, operations: 400 });
  const created = await (await request.post("/api/designs", { data: design })).json();
  await page.goto(`/designs/${created.id}`);
  const ops = page.getByRole("table", { name: "Operations" });
  await expect(ops.locator("tbody[data-op]").first()).toBeVisible();
  const rendered = await ops.locator("tbody[data-op]").count();
  expect(rendered).toBeGreaterThan(5);
  expect(rendered).toBeLessThan(80);
  // Scrolling renders the rows further down.
  await page.locator(".tab-panel").evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(ops.locator(`tbody[data-op="${design.operations!.at(-1)!.id}"]`)).toBeVisible();
  await page.locator(".tab-panel").evaluate((el) => (el.scrollTop = 0));
  // A finding on an operation far down the list focuses and shows its row.
  const analysis = analyze(design);
  const opIds = new Set(design.operations!.map((o) => o.id));
  const target = [...analysis.findings].reverse().find((f) => opIds.has(f.target))!;
  const index = design.operations!.findIndex((o) => o.id === target.target);
  expect(index).toBeGreaterThan(80);
  await page.getByRole("tab", { name: /Analysis/ }).click();
  // Long finding lists show their first 50 per severity; the rest are a click away.
  const group = analysis.findings.filter((f) => f.severity === target.severity);
  if (group.indexOf(target) >= 50) await page.getByRole("button", { name: `Show ${group.length - 50} more` }).first().click();
  await page.locator(`[data-finding="${target.rule}:${target.target}"]`).first().click();
  const row = ops.locator(`tbody[data-op="${target.target}"]`);
  await expect(row).toBeVisible();
  await expect(row).toHaveClass(/focused/);
});

test("sharding: the strategy, shard count and virtual nodes (hash rings only) are edited and saved", async ({ page, request }) => {
  const design = JSON.parse(readFileSync("examples/raft-ledger.json", "utf8"));
  const created = await (await request.post("/api/designs", { data: design })).json();
  await page.goto(`/designs/${created.id}`);
  const studio = new StudioPage(page);
  await page.getByRole("navigation", { name: "Palette" }).getByRole("button", { name: /Ledger/ }).click();
  const inspector = studio.inspector;
  await inspector.getByLabel("Strategy").selectOption("range");
  await inspector.getByLabel("Shards").fill("16");
  await expect(inspector.getByLabel("Virtual nodes per node")).toHaveCount(0); // not on a range
  await inspector.getByLabel("Strategy").selectOption("consistent-hash");
  await inspector.getByLabel("Virtual nodes per node").fill("256");
  await inspector.getByLabel("Shards").fill("0"); // refused: shards are at least 1
  await inspector.getByLabel("Shards").blur();
  await studio.expectSaved();
  const saved = (await studio.savedDocument(request)).document as unknown as { stores: { sharding?: unknown }[] };
  expect(saved.stores[0].sharding).toEqual({ ...design.stores[0].sharding, strategy: "consistent-hash", shards: 16, vnodes: 256 });
});
