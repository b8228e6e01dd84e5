import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { StudioPage } from "./studio-page";

const validDesign = {
  format: "quorum-studio/design@1",
  name: "Imported <b>design</b>",
  regions: [{ id: "r1", name: "us-east-1", zones: ["a"] }],
  nodes: [{ id: "pg1", name: "orders-1", kind: "database", region: "r1", zone: "a" }],
  stores: [{ id: "s1", name: "Orders", replication: "consensus", replicas: ["pg1"] }],
};

test("importing an invalid file lists every problem with its JSON path, and creates nothing", async ({ page }) => {
  await page.goto("/");
  const rowsBefore = await page.getByRole("row").count();
  const bad = structuredClone(validDesign) as Record<string, unknown> & typeof validDesign;
  bad.stores[0].replicas = ["pg1", "pg1", "pg9"];
  (bad as Record<string, unknown>).colour = "red";
  await page.getByTestId("import-file").setInputFiles({ name: "broken.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(bad)) });
  const alert = page.getByRole("alert").filter({ hasText: "Could not import" });
  await expect(alert).toContainText("Could not import broken.json");
  await expect(alert).toContainText('stores[0].replicas[2]: unknown node "pg9"');
  await expect(alert).toContainText('stores[0].replicas[1]: node "pg1" is listed twice');
  await expect(alert).toContainText("colour: unknown field");
  await expect(page).toHaveURL(/\/$/);
  await page.reload();
  expect(await page.getByRole("row").count()).toBe(rowsBefore);
});

test("importing a file that is not JSON says so", async ({ page }) => {
  await page.goto("/");
  await page.getByTestId("import-file").setInputFiles({ name: "notes.json", mimeType: "application/json", buffer: Buffer.from("{ this is not json") });
  await expect(page.getByRole("alert").filter({ hasText: "Could not import notes.json" })).toContainText("not valid JSON");
});

test("importing a valid file opens it; names are shown as text", async ({ page }) => {
  await page.goto("/");
  await page.getByTestId("import-file").setInputFiles({ name: "ok.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(validDesign)) });
  await expect(page).toHaveURL(/\/designs\//);
  const studio = new StudioPage(page);
  await expect(studio.node("pg1")).toContainText("orders-1");
  await expect(page.getByRole("textbox", { name: "Design name" }).first()).toHaveValue("Imported <b>design</b>");
  await page.goto("/");
  await expect(page.getByRole("link", { name: "Imported <b>design</b>" }).first()).toBeVisible();
});

test("a stale save whose edits do not overlap is merged: both tabs' nodes are saved, no banner, no reload (issue 13)", async ({ page, context, request }) => {
  const first = await staleSaveInFirstTab(page, context);
  await expect(page.getByRole("status").filter({ hasText: "Merged with version" })).toContainText("Merged with version 3 saved elsewhere: +1 node");
  await first.expectSaved();
  await expect(page.getByRole("alert").filter({ hasText: "changed in another tab" })).toHaveCount(0);
  await expect(first.node("database-1")).toBeVisible();
  await expect(first.node("cache-1")).toBeVisible();
  const saved = await first.savedDocument(request);
  expect(saved.document.nodes.map((n) => n.id).sort()).toEqual(["cache-1", "database-1"]);
});

test("when the other version cannot be fetched, the conflict is shown with a way to reload", async ({ page, context }) => {
  await page.route(/\/api\/designs\/[^/]+$/, (route) => (route.request().method() === "GET" ? route.abort() : route.fallback()));
  const first = await staleSaveInFirstTab(page, context);
  const banner = page.getByRole("alert").filter({ hasText: "changed in another tab" });
  await expect(banner).toContainText("changed in another tab");
  await expect(first.saveState).toHaveText(/Conflict/);

  await banner.getByRole("button", { name: "Reload" }).click();
  await expect(first.node("database-1")).toBeVisible();
  await expect(first.node("cache-1")).toHaveCount(0);
  await expect(banner).toHaveCount(0);
});

test("a true conflict lists the field by name; 'Keep mine' saves mine as the next version with the other tab's edits, theirs stays in History (issue 13)", async ({ page, context, request }) => {
  const first = await conflictingNames(page, context);
  const banner = page.getByRole("alert").filter({ hasText: "changed in another tab" });
  await expect(banner.getByRole("list", { name: "Conflicting fields" })).toHaveText("Design: name");
  await expect(first.saveState).toHaveText(/Conflict/);
  await banner.getByRole("button", { name: "Keep mine (save as the next version)" }).click();
  await expect(banner).toHaveCount(0);
  await first.expectSaved();
  const saved = await first.savedDocument(request);
  expect(saved).toMatchObject({ version: 5, document: { name: "Mine" } });
  // Theirs (the database) and mine (the cache) are both in the saved design.
  expect(saved.document.nodes.map((n) => n.id).sort()).toEqual(["cache-1", "database-1"]);

  await page.reload();
  await page.getByRole("tab", { name: "History" }).click();
  await expect(page.getByTestId("revision-5")).toBeVisible();
  // Theirs stays a version of its own, listed under mine (same session): one click away.
  await page.getByTestId("revision-5").getByRole("button", { name: /earlier versions?/ }).click();
  await expect(page.getByTestId("revision-4")).toContainText("renamed to “Theirs”");
});

test("a true conflict: 'Take theirs' takes their value for the field and keeps my other edits (issue 13)", async ({ page, context, request }) => {
  const first = await conflictingNames(page, context);
  const banner = page.getByRole("alert").filter({ hasText: "changed in another tab" });
  await banner.getByRole("button", { name: "Take theirs" }).click();
  await expect(banner).toHaveCount(0);
  await first.expectSaved();
  await expect(page.getByRole("textbox", { name: "Design name" }).first()).toHaveValue("Theirs");
  const saved = await first.savedDocument(request);
  expect(saved).toMatchObject({ version: 5, document: { name: "Theirs" } });
  expect(saved.document.nodes.map((n) => n.id).sort()).toEqual(["cache-1", "database-1"]);
});

test("two browser contexts edit one design, one a node's name, the other a store's replication: both edits are saved, with no reload (issue 13)", async ({ page, browser, request }) => {
  const created = await request.post("/api/designs", {
    data: {
      format: "quorum-studio/design@1",
      name: "Two editors",
      regions: [{ id: "r1", name: "us-east-1", zones: ["a"] }],
      nodes: [
        { id: "pg1", name: "orders-1", kind: "database", region: "r1", zone: "a" },
        { id: "pg2", name: "orders-2", kind: "database", region: "r1", zone: "a" },
        { id: "pg3", name: "orders-3", kind: "database", region: "r1", zone: "a" },
      ],
      stores: [{ id: "s1", name: "Orders", replication: "leaderless", replicas: ["pg1", "pg2", "pg3"] }],
    },
  });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const mine = new StudioPage(page);
  await page.goto(`/designs/${id}`);
  await expect(mine.node("pg1")).toBeVisible();

  // The other editor: a separate browser context, signed in as the owner too.
  const otherContext = await browser.newContext({ storageState: await page.context().storageState() });
  const theirs = new StudioPage(await otherContext.newPage());
  await theirs.page.goto(`/designs/${id}`);
  await theirs.page.getByRole("region", { name: "Stores" }).getByRole("button", { name: /Orders/ }).click();
  await theirs.inspector.getByLabel("Replication").selectOption("consensus");
  await theirs.expectSaved();

  // Here, still on version 1: rename a node. The save is refused (409), merged, and saved on top.
  await mine.node("pg1").click();
  const name = mine.inspector.getByLabel("Name", { exact: true });
  await name.fill("orders-primary");
  await name.blur();
  await expect(page.getByRole("status").filter({ hasText: "Merged with version" })).toContainText("Merged with version 2 saved elsewhere: 1 store changed");
  await mine.expectSaved();
  await expect(page.getByRole("alert").filter({ hasText: "changed in another tab" })).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Stores" })).toContainText("consensus");

  const saved = (await (await request.get(`/api/designs/${id}`)).json()) as { version: number; document: { nodes: { id: string; name: string }[]; stores: { replication: string }[] } };
  expect(saved.version).toBe(3);
  expect(saved.document.nodes.find((n) => n.id === "pg1")!.name).toBe("orders-primary");
  expect(saved.document.stores[0].replication).toBe("consensus");
  await otherContext.close();
});

/** A new design with a region, open in two tabs; the second adds a database and saves it. */
async function twoTabsOnNewDesign(page: Page, context: BrowserContext): Promise<{ first: StudioPage; second: StudioPage }> {
  await page.goto("/");
  await page.getByRole("button", { name: "New design" }).click();
  const first = new StudioPage(page);
  await first.palette("Region").click();
  await first.expectSaved();

  const second = new StudioPage(await context.newPage());
  await second.page.goto(page.url());
  await expect(second.region("region-1")).toBeVisible();
  await second.selectRegion("region-1");
  await second.palette("Database").click();
  await second.expectSaved();
  return { first, second };
}

/**
 * Two tabs rename the design differently (a true conflict on one field); the first tab also adds
 * a cache, the second a database, which merge cleanly.
 */
async function conflictingNames(page: Page, context: BrowserContext): Promise<StudioPage> {
  const { first, second } = await twoTabsOnNewDesign(page, context);
  await second.page.getByRole("textbox", { name: "Design name" }).first().fill("Theirs");
  await second.page.getByRole("textbox", { name: "Design name" }).first().blur();
  await second.expectSaved();

  // Both edits here go into the refused save: the first save waits until both are made.
  let release = () => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/api\/designs\/[^/]+$/, async (route) => {
    if (route.request().method() === "PUT") await gate;
    await route.fallback();
  });
  await first.selectRegion("region-1");
  await first.palette("Cache").click();
  await page.getByRole("textbox", { name: "Design name" }).first().fill("Mine");
  await page.getByRole("textbox", { name: "Design name" }).first().blur();
  release();
  return first;
}

/**
 * Two tabs on one new design: the second adds a database and saves first, so the first tab's
 * edit (a cache) is based on a stale version and is refused with 409.
 */
async function staleSaveInFirstTab(page: Page, context: BrowserContext): Promise<StudioPage> {
  const { first } = await twoTabsOnNewDesign(page, context);

  await first.selectRegion("region-1");
  await first.palette("Cache").click();
  return first;
}
