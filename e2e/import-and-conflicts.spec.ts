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

test("a stale save from a second page is refused and the conflict is shown with a way to reload", async ({ page, context }) => {
  const first = await staleSaveInFirstTab(page, context);
  const banner = page.getByRole("alert").filter({ hasText: "changed in another tab" });
  await expect(banner).toContainText("changed in another tab");
  await expect(first.saveState).toHaveText(/Conflict/);

  await banner.getByRole("button", { name: "Reload" }).click();
  await expect(first.node("database-1")).toBeVisible();
  await expect(first.node("cache-1")).toHaveCount(0);
  await expect(banner).toHaveCount(0);
});

test("a conflict keeps the edits: 'Keep mine' saves them as the next version, the other one stays in History (issue 13)", async ({ page, context }) => {
  const first = await staleSaveInFirstTab(page, context);
  const banner = page.getByRole("alert").filter({ hasText: "changed in another tab" });
  await banner.getByRole("button", { name: "Keep mine" }).click();
  await expect(banner).toHaveCount(0);
  await first.expectSaved();
  await expect(first.node("cache-1")).toBeVisible();

  // Saved: a reload shows mine; History holds theirs (v3, with the database) and mine (v4).
  await page.reload();
  await expect(first.node("cache-1")).toBeVisible();
  await page.getByRole("tab", { name: "History" }).click();
  await expect(page.getByTestId("revision-4")).toBeVisible();
  // Saves made in one sitting fold into the last of them; theirs is one click away.
  await page.getByTestId("revision-4").getByRole("button", { name: /earlier saves?/ }).click();
  await expect(page.getByTestId("revision-3")).toBeVisible();
});

/**
 * Two tabs on one new design: the second adds a database and saves first, so the first tab's
 * edit (a cache) is based on a stale version and is refused with 409.
 */
async function staleSaveInFirstTab(page: Page, context: BrowserContext): Promise<StudioPage> {
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

  await first.selectRegion("region-1");
  await first.palette("Cache").click();
  return first;
}
