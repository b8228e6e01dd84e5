import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { StudioPage } from "./studio-page";

test("the designs list shows the seeded example, which opens in the studio", async ({ page }) => {
  await page.goto("/");
  // Other tests import copies of the example too: the seeded one is the oldest, listed last.
  const link = page.getByRole("link", { name: "Global ledger (3-region Raft)" }).last();
  await expect(link).toBeVisible();
  await expect(page.getByRole("row", { name: /Global ledger/ }).last()).toContainText("6");
  await expect(page.getByRole("row", { name: /Global ledger/ }).last()).toContainText("SOUND");
  for (const name of ["Shopping cart (Dynamo-style ring)", "Job scheduler: Redlock vs etcd locks", "Internal wiki (single node, level 0)"]) {
    await expect(page.getByRole("link", { name }).last()).toBeVisible();
  }
  await link.click();
  const studio = new StudioPage(page);
  await expect(studio.node("ledger-1")).toBeVisible();
  await expect(studio.region("apse1")).toContainText("ap-southeast-1");
  await expect(page.getByRole("textbox", { name: "Design name" }).first()).toHaveValue("Global ledger (3-region Raft)");
});

test("build a design: two regions, three nodes, drag one into another region, rename it, reload — all persisted", async ({ page, request }) => {
  await page.goto("/");
  await page.getByRole("button", { name: "New design" }).click();
  await expect(page).toHaveURL(/\/designs\//);
  const studio = new StudioPage(page);

  // A newcomer sees what to do, and node kinds wait for a region.
  await expect(page.getByText("Start your design")).toBeVisible();
  await expect(studio.palette("Database")).toBeDisabled();

  await studio.palette("Region").click();
  await studio.palette("Region").click();
  await expect(studio.region("region-1")).toBeVisible();
  await expect(studio.region("region-2")).toBeVisible();

  await studio.selectRegion("region-1");
  await studio.palette("Database").click();
  await studio.palette("Database").click();
  await studio.selectRegion("region-2");
  await studio.palette("Cache").click();
  await expect(studio.node("database-1")).toBeVisible();
  await expect(studio.node("database-2")).toBeVisible();
  await expect(studio.node("cache-1")).toBeVisible();
  await expect(page.getByText("Start your design")).toBeHidden();

  // Drag database-2 out of region-1 into region-2, below cache-1.
  await studio.drag(studio.node("database-2"), studio.region("region-2"), { x: 30, y: 130 });
  await expect(studio.inspector.getByRole("combobox", { name: "Region" })).toHaveValue("region-2");

  // Rename it in the inspector.
  await studio.node("database-2").click();
  const name = studio.inspector.getByRole("textbox", { name: "Name" });
  await name.fill("orders-primary");
  await name.press("Enter");
  await expect(studio.node("database-2")).toContainText("orders-primary");
  await studio.expectSaved();

  await page.reload();
  await expect(studio.node("database-2")).toContainText("orders-primary");
  await expect(studio.node("database-1")).toBeVisible();
  await expect(studio.node("cache-1")).toBeVisible();
  const saved = await studio.savedDocument(request);
  expect(saved.document.regions.map((r) => r.id)).toEqual(["region-1", "region-2"]);
  expect(saved.document.nodes.map((n) => [n.id, n.region])).toEqual([
    ["database-1", "region-1"],
    ["database-2", "region-2"],
    ["cache-1", "region-2"],
  ]);
  expect(saved.document.nodes[1].name).toBe("orders-primary");

  // The node was drawn inside region-2's frame.
  const node = (await studio.node("database-2").boundingBox())!;
  const frame = (await studio.region("region-2").boundingBox())!;
  expect(node.x).toBeGreaterThan(frame.x);
  expect(node.x + node.width).toBeLessThan(frame.x + frame.width);
  expect(node.y + node.height).toBeLessThan(frame.y + frame.height);
});

test("a node dropped outside every region snaps back", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("button", { name: "New design" }).click();
  const studio = new StudioPage(page);
  await studio.palette("Region").click();
  await studio.palette("Service").click();
  await studio.settle();
  const before = (await studio.node("service-1").boundingBox())!;
  const frameBefore = (await studio.region("region-1").boundingBox())!;
  const pane = page.locator(".react-flow__pane");
  const paneBox = (await pane.boundingBox())!;
  await page.mouse.move(before.x + before.width / 2, before.y + before.height / 2);
  await page.mouse.down();
  await page.mouse.move(before.x + before.width / 2 + 3, before.y + before.height / 2 + 3);
  await page.mouse.move(paneBox.x + paneBox.width - 60, paneBox.y + 40, { steps: 10 });
  await page.mouse.up();
  await expect(page.getByRole("status").filter({ hasText: "Nodes live inside a region" })).toBeVisible();
  // Back where it was inside its region (the view may have auto-panned during the drag).
  await studio.settle();
  const after = (await studio.node("service-1").boundingBox())!;
  const frameAfter = (await studio.region("region-1").boundingBox())!;
  expect(Math.abs(after.x - frameAfter.x - (before.x - frameBefore.x))).toBeLessThan(1);
  expect(Math.abs(after.y - frameAfter.y - (before.y - frameBefore.y))).toBeLessThan(1);
});

test("Delete removes the selected node, and the deletion is saved", async ({ page, request }) => {
  await page.goto("/");
  await page.getByRole("button", { name: "New design" }).click();
  const studio = new StudioPage(page);
  await studio.palette("Region + 3 zones").click();
  await studio.palette("Lock").click();
  await studio.palette("Broker").click();
  await studio.node("lock-1").click();
  await page.keyboard.press("Delete");
  await expect(studio.node("lock-1")).toHaveCount(0);
  await expect(studio.node("broker-1")).toBeVisible();
  await studio.expectSaved();
  const saved = await studio.savedDocument(request);
  expect(saved.document.nodes.map((n) => n.id)).toEqual(["broker-1"]);
});

test("typing in a field never deletes the selection", async ({ page }) => {
  const { studio, name } = await oneDatabaseSelected(page);
  await name.click();
  await name.press("End");
  await name.press("Backspace");
  await expect(studio.node("database-1")).toBeVisible();
  await expect(studio.node("database-1")).toContainText("Database ");
  // Esc leaves the field and keeps what was typed; a second Esc clears the selection.
  await name.press("Escape");
  await expect(name).not.toBeFocused();
  await expect(studio.node("database-1")).toContainText("Database ");
  await page.keyboard.press("Escape");
  await expect(studio.inspector.getByRole("textbox", { name: "Name", exact: true })).toHaveCount(0);
});

test("Tidy layout re-lays the canvas (frames kept, saved); one undo restores the old layout", async ({ page, request }) => {
  const design = JSON.parse(readFileSync("examples/job-scheduler.json", "utf8"));
  const created = await (await request.post("/api/designs", { data: design })).json();
  await page.goto(`/designs/${created.id}`);
  const studio = new StudioPage(page);
  await expect(studio.node("redis1")).toBeVisible();
  const before = (await studio.savedDocument(request)).document as { layout?: unknown };
  await page.getByRole("button", { name: "Tidy layout" }).click();
  await studio.expectSaved();
  await expect.poll(async () => JSON.stringify(((await studio.savedDocument(request)).document as { layout?: unknown }).layout)).not.toBe(JSON.stringify(before.layout));
  const tidied = (await studio.savedDocument(request)).document as unknown as { layout: { regions: Record<string, unknown>; zones: Record<string, unknown>; nodes: Record<string, unknown> } };
  expect(Object.keys(tidied.layout.regions).sort()).toEqual(["use1", "use2"]);
  expect(Object.keys(tidied.layout.nodes)).toHaveLength(design.nodes.length);
  // The canvas still shows the zones inside their regions.
  await expect(studio.region("use1")).toBeVisible();
  await expect(page.getByTestId("zone-use1-a")).toBeVisible();
  await page.getByRole("button", { name: "Undo" }).click();
  await studio.expectSaved();
  await expect.poll(async () => JSON.stringify(((await studio.savedDocument(request)).document as { layout?: unknown }).layout)).toBe(JSON.stringify(before.layout));
});

test("copy nodes in one design and paste them into another through the clipboard", async ({ page, request, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const source = JSON.parse(readFileSync("examples/raft-ledger.json", "utf8"));
  const from = await (await request.post("/api/designs", { data: source })).json();
  const to = await (await request.post("/api/designs", { data: { format: "quorum-studio/design@1", name: "Paste target", regions: [{ id: "euw1", name: "eu-west-1", zones: ["a"] }] } })).json();
  await page.goto(`/designs/${from.id}`);
  const studio = new StudioPage(page);
  await studio.node("ledger-2").click();
  await page.keyboard.press("Control+c");
  await expect(page.getByRole("status").filter({ hasText: "Copied 1 node" })).toBeVisible();

  await page.goto(`/designs/${to.id}`);
  await expect(studio.region("euw1")).toBeVisible();
  await page.locator(".react-flow__pane").click({ position: { x: 20, y: 20 } });
  await page.keyboard.press("Control+v");
  // It lands in its own region and zone, which this design has too.
  // Its id comes from its name, as for any new element.
  await expect(studio.node("ledger-2")).toContainText("ledger-2");
  await studio.expectSaved();
  const saved = (await studio.savedDocument(request)).document;
  expect(saved.nodes).toEqual([expect.objectContaining({ name: "ledger-2", region: "euw1", zone: "a" })]);
});

test("a name field: one focus is one undo step, undo shows in the field, and an over-long name is refused with a reason (issue 13)", async ({ page }) => {
  const { studio, name } = await oneDatabaseSelected(page);
  await name.fill("");
  await name.pressSequentially("XYZ", { delay: 50 });
  await name.press("Enter");
  await expect(studio.node("database-1")).toContainText("XYZ");
  await page.keyboard.press("Control+z"); // one step undoes the whole typing
  await expect(studio.node("database-1")).toContainText("Database 1");
  await expect(name).toHaveValue("Database 1"); // the field shows the design, not its own copy

  await name.fill("n".repeat(201));
  await expect(studio.inspector.getByRole("alert")).toHaveText("A name has at most 200 characters (this one has 201)");
  await expect(studio.node("database-1")).toContainText("Database 1");
  await name.press("Backspace");
  await expect(studio.inspector.getByRole("alert")).toHaveCount(0);
  await expect(studio.node("database-1")).toContainText("n".repeat(200));
});

test("the operations view fits 1440 px: the essential columns without scrolling sideways, the rest in each row's details (issue 13)", async ({ page, request }) => {
  const design = JSON.parse(readFileSync("examples/raft-ledger.json", "utf8"));
  const created = await (await request.post("/api/designs", { data: design })).json();
  await page.goto(`/designs/${created.id}`);
  const ops = page.getByRole("table", { name: "Operations" });
  for (const column of ["Name", "Type", "Store", "Requires", "CAP", "Provided", "Latency / SLO", "Availability / SLO"]) {
    await expect(ops.getByRole("columnheader", { name: column, exact: true })).toBeInViewport();
  }
  const overflow = await ops.evaluate((table) => {
    const panel = table.closest(".tab-panel")!;
    return panel.scrollWidth - panel.clientWidth;
  });
  expect(overflow).toBeLessThanOrEqual(0);
  await ops.getByRole("button", { name: "All details" }).click();
  await expect(ops.getByLabel("Latency SLO (ms)").first()).toBeVisible();
  await expect(ops.getByLabel("Callers' region").first()).toBeVisible();
  const after = await ops.evaluate((table) => table.closest(".tab-panel")!.scrollWidth - table.closest(".tab-panel")!.clientWidth);
  expect(after).toBeLessThanOrEqual(0);
});

test("New design, then leaving without drawing anything, leaves no empty design behind (issue 13)", async ({ page, request }) => {
  await page.goto("/");
  await page.getByRole("button", { name: "New design" }).click();
  await expect(page).toHaveURL(/\/designs\//);
  const id = new StudioPage(page).id;
  await expect(page.getByText("Start your design")).toBeVisible();
  await page.getByRole("link", { name: "All designs" }).click();
  await expect(page.getByRole("button", { name: "New design" })).toBeVisible();
  await expect.poll(async () => (await request.get(`/api/designs/${id}`)).status()).toBe(404);
  await expect(page.locator(`a[href="/designs/${id}"]`)).toHaveCount(0);

  // A design with anything in it stays.
  await page.getByRole("button", { name: "New design" }).click();
  const studio = new StudioPage(page);
  await studio.palette("Region").click();
  await studio.expectSaved();
  const kept = studio.id;
  await page.getByRole("link", { name: "All designs" }).click();
  await expect(page.locator(`a[href="/designs/${kept}"]`)).toHaveCount(1);
  expect((await request.get(`/api/designs/${kept}`)).status()).toBe(200);
});

/** A new design with one region and one database, selected; its inspector's name field. */
async function oneDatabaseSelected(page: Page) {
  await page.goto("/");
  await page.getByRole("button", { name: "New design" }).click();
  const studio = new StudioPage(page);
  await studio.palette("Region").click();
  await studio.palette("Database").click();
  await studio.node("database-1").click();
  return { studio, name: studio.inspector.getByRole("textbox", { name: "Name" }) };
}
