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

/**
 * Two tabs (or two people) on one design edit live (issue 16): each edit reaches the other tab at
 * once and nothing ends in a 409, a banner or a reload. (A script's PUT with a stale baseVersion
 * still answers 409: tests/integration/live.test.ts.)
 */
const noConflictBanner = (page: Page) => expect(page.getByRole("alert").filter({ hasText: "changed in another tab" })).toHaveCount(0);

test("two tabs on one design converge live: each adds a node, both tabs show both, the saved design has both (issue 16)", async ({ page, context, request }) => {
  const { first, second } = await twoTabsOnNewDesign(page, context);
  await expect(first.node("database-1")).toBeVisible();

  await first.selectRegion("region-1");
  await first.palette("Cache").click();
  await expect(second.node("cache-1")).toBeVisible();
  await first.expectLive();
  await second.expectLive();
  for (const tab of [first, second]) {
    await noConflictBanner(tab.page);
    await expect(tab.saveState).not.toHaveText(/Conflict/);
  }
  const saved = await first.savedDocument(request);
  expect(saved.document.nodes.map((n) => n.id).sort()).toEqual(["cache-1", "database-1"]);
});

test("two people rename the design at the same moment: both end with the same name, one of the two, and each one's other edit is kept (issue 16)", async ({ page, browser, request }) => {
  // Two browsers (not two tabs of one: see the test above).
  const other = await browser.newContext({ storageState: await page.context().storageState() });
  const { first, second } = await twoTabsOnNewDesign(page, other);
  await first.selectRegion("region-1");
  await first.palette("Cache").click();
  await expect(second.node("cache-1")).toBeVisible();

  const name = (tab: StudioPage) => tab.page.getByRole("textbox", { name: "Design name" }).first();
  await Promise.all([name(first).fill("Mine").then(() => name(first).blur()), name(second).fill("Theirs").then(() => name(second).blur())]);
  await first.expectLive();
  await second.expectLive();
  const shown = await name(first).inputValue();
  expect(["Mine", "Theirs"]).toContain(shown);
  await expect(name(second)).toHaveValue(shown);
  await noConflictBanner(page);
  await noConflictBanner(second.page);
  const saved = await first.savedDocument(request);
  expect((saved.document as unknown as { name: string }).name).toBe(shown);
  expect(saved.document.nodes.map((n) => n.id).sort()).toEqual(["cache-1", "database-1"]);
  await other.close();
});

test("two browser contexts edit one design, one a node's name, the other a store's replication: each sees the other's edit live, both are saved (issue 16)", async ({ page, browser, request }) => {
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
  await expect(theirs.node("pg1")).toBeVisible();
  await theirs.expectLive();
  await mine.expectLive();

  await theirs.page.getByRole("region", { name: "Stores" }).getByRole("button", { name: /Orders/ }).click();
  await theirs.inspector.getByLabel("Replication").selectOption("consensus");
  await expect(page.getByRole("region", { name: "Stores" })).toContainText("consensus");

  await mine.node("pg1").click();
  const name = mine.inspector.getByLabel("Name", { exact: true });
  await name.fill("orders-primary");
  await name.blur();
  await expect(theirs.node("pg1")).toContainText("orders-primary");
  await mine.expectLive();
  await theirs.expectLive();
  await noConflictBanner(page);
  await noConflictBanner(theirs.page);

  const saved = (await (await request.get(`/api/designs/${id}`, { maxRetries: 1 })).json()) as { document: { nodes: { id: string; name: string }[]; stores: { replication: string }[] } };
  expect(saved.document.nodes.find((n) => n.id === "pg1")!.name).toBe("orders-primary");
  expect(saved.document.stores[0].replication).toBe("consensus");
  await otherContext.close();
});

/** A new design with a region, open in two tabs (of `context`'s browser); the second adds a database, which the first shows live. */
async function twoTabsOnNewDesign(page: Page, context: BrowserContext): Promise<{ first: StudioPage; second: StudioPage }> {
  await page.goto("/");
  await page.getByRole("button", { name: "New design" }).click();
  const first = new StudioPage(page);
  await first.palette("Region").click();
  await first.expectSaved();

  const second = new StudioPage(await context.newPage());
  await second.page.goto(page.url());
  await expect(second.region("region-1")).toBeVisible();
  await first.expectLive();
  await second.expectLive();
  await second.selectRegion("region-1");
  await second.palette("Database").click();
  await expect(first.node("database-1")).toBeVisible();
  await second.expectLive();
  return { first, second };
}
