import { expect, test } from "@playwright/test";
import { StudioPage } from "./studio-page";

const design = {
  format: "quorum-studio/design@1",
  name: "History walk",
  regions: [{ id: "r1", name: "us-east-1", zones: ["a"] }],
  nodes: [{ id: "pg1", name: "orders-1", kind: "database", region: "r1", zone: "a" }],
};

test("edits of one sitting are one version; Save version names a checkpoint the next edits never fold into (issue 13, live since issue 16)", async ({ page, request }) => {
  const created = await (await request.post("/api/designs", { data: design })).json();
  const studio = new StudioPage(page);
  await page.goto(`/designs/${created.id}`);
  await expect(studio.node("pg1")).toBeVisible();
  await studio.expectLive();
  /** The versions as the API lists them, newest first. */
  const versions = async () => ((await (await request.get(`/api/designs/${created.id}/revisions`, { maxRetries: 1 })).json()) as { revisions: { version: number; name: string }[] }).revisions;

  // Three edits, each saved on its own: one version after "Created" (the session writes it once the edits pause).
  const name = page.getByRole("textbox", { name: "Design name" }).first();
  for (const text of ["History walk 1", "History walk 2", "History walk 3"]) {
    await name.fill(text);
    await name.blur();
    await studio.expectSaved();
  }
  await expect.poll(async () => (await versions()).map((r) => r.name)).toEqual(["History walk 3", "History walk"]);
  const sitting = (await versions())[0].version;
  await page.getByRole("tab", { name: "History" }).click();
  await expect(page.getByTestId(`revision-${sitting}`)).toContainText("renamed to “History walk 3”");

  // Shift+Ctrl+S: name this version.
  await page.locator(".react-flow__pane").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("Shift+Control+S");
  const versionName = page.getByRole("textbox", { name: "Name of this version" });
  await versionName.fill("before the review");
  await versionName.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: `Saved version ${sitting}` })).toBeVisible();
  await expect(page.getByTestId(`revision-${sitting}`)).toContainText("before the review");

  // The next edit is a version of its own; the list updates from the newest page, no reload.
  await name.fill("History walk 4");
  await name.blur();
  await studio.expectSaved();
  await expect.poll(async () => (await versions())[0].name).toBe("History walk 4");
  const next = (await versions())[0].version;
  expect(next).toBeGreaterThan(sitting);
  await expect(page.getByTestId(`revision-${next}`)).toContainText("renamed to “History walk 4”");
  await expect(page.getByTestId(`revision-${sitting}`)).toContainText("before the review");

  // Share offers the latest, this version, and the named one.
  await page.getByRole("button", { name: "Share" }).click();
  const shown = page.getByRole("dialog", { name: "Share for review" }).getByLabel("Version shown");
  await expect(shown.locator("option")).toHaveText(["The latest saved version, as it changes", `Only this version (v${next})`, `Only v${sitting} — before the review`]);
});

test("saves that end where they started say so — 'Changed back: same as v1' — instead of '2 saves · No changes'", async ({ page, request }) => {
  const created = await (await request.post("/api/designs", { data: design })).json();
  // A rename, then the rename undone: the second save folds into the first (one sitting), and the
  // version it makes is the same document as v1.
  const first = await (await request.put(`/api/designs/${created.id}`, { data: { baseVersion: 1, document: { ...design, name: "History walk, renamed" } } })).json();
  const back = await (await request.put(`/api/designs/${created.id}`, { data: { baseVersion: first.version, document: design } })).json();
  await page.goto(`/designs/${created.id}`);
  await page.getByRole("tab", { name: "History" }).click();
  const row = page.getByTestId(`revision-${back.version}`);
  await expect(row).toContainText("2 saves");
  await expect(row).toContainText("Changed back: same as v1");
  await expect(row).not.toContainText("No changes");
  await expect(row.getByRole("cell", { name: "Changed back: same as v1" })).toHaveAttribute("title", "These 2 saves end where v1 was: nothing differs from it");
});

test("History shows a page of versions, then older ones on demand (issue 13)", async ({ page, request }) => {
  const created = await (await request.post("/api/designs", { data: design })).json();
  // 55 named versions (a named version never takes the next save): more than one page of 50.
  let version = 1;
  for (let i = 1; i <= 55; i++) {
    const saved = await (await request.put(`/api/designs/${created.id}`, { data: { baseVersion: version, document: { ...design, name: `Step ${i}` } } })).json();
    version = saved.version;
    expect((await request.patch(`/api/designs/${created.id}/revisions/${version}`, { data: { label: `step ${i}` } })).ok()).toBe(true);
  }
  const page1 = await (await request.get(`/api/designs/${created.id}/revisions`)).json();
  expect(page1.revisions).toHaveLength(50);
  expect(page1.next).toBe(7);

  await page.goto(`/designs/${created.id}`);
  await page.getByRole("tab", { name: "History" }).click();
  await expect(page.getByTestId("revision-56")).toBeVisible();
  await expect(page.getByTestId("revision-7")).toBeVisible();
  await expect(page.getByTestId("revision-6")).toHaveCount(0);
  await page.getByRole("button", { name: "Show older versions" }).click();
  await expect(page.getByTestId("revision-1")).toContainText("Created");
  await expect(page.getByRole("button", { name: "Show older versions" })).toHaveCount(0);
});
