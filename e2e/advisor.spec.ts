import { expect, test, type Page } from "@playwright/test";
import { StudioPage } from "./studio-page";

async function newDesign(page: Page): Promise<StudioPage> {
  await page.goto("/");
  await page.getByRole("button", { name: "New design" }).click();
  await expect(page).toHaveURL(/\/designs\//);
  return new StudioPage(page);
}

test("three cloud regions from the catalogue line up in a row that fits a 1440×900 window at a readable zoom (they stacked, text at ~7 px)", async ({ page }) => {
  const studio = await newDesign(page);
  await studio.palette(/Cloud region/).click();
  const picker = page.getByTestId("cloud-regions");
  for (const code of ["us-east-1", "eu-west-1", "ap-northeast-1"]) {
    await picker.getByRole("searchbox").fill(`aws ${code}`);
    await picker.getByRole("button", { name: new RegExp(`^Add AWS ${code},`) }).click();
  }
  await picker.getByRole("button", { name: "Done" }).click();
  await page.keyboard.press("Escape");
  await page.keyboard.press("f");
  await studio.settle();
  const boxes = await Promise.all(["us-east-1", "eu-west-1", "ap-northeast-1"].map(async (id) => (await studio.region(id).boundingBox())!));
  // One row, left to right, all inside the canvas.
  const canvas = (await page.locator(".react-flow").boundingBox())!;
  for (const box of boxes) {
    expect(Math.abs(box.y - boxes[0].y)).toBeLessThan(1);
    expect(box.x).toBeGreaterThanOrEqual(canvas.x);
    expect(box.x + box.width).toBeLessThanOrEqual(canvas.x + canvas.width);
    expect(box.y + box.height).toBeLessThanOrEqual(canvas.y + canvas.height);
  }
  expect(boxes[1].x).toBeGreaterThan(boxes[0].x + boxes[0].width);
  expect(boxes[2].x).toBeGreaterThan(boxes[1].x + boxes[1].width);
  // The zone labels (12 px) read at about their size on screen (the fit zoom was 0.57: ~7 px).
  const label = page.getByTestId("zone-eu-west-1-b").locator(".frame-label");
  const size = await label.evaluate((el) => parseFloat(getComputedStyle(el).fontSize) * el.getBoundingClientRect().height / (el as HTMLElement).offsetHeight);
  expect(size).toBeGreaterThanOrEqual(11.5);
  await page.screenshot({ path: test.info().outputPath("three-cloud-regions.png") });
});

test("three AWS regions from the catalogue, the advisor's region survival applied in one click, one undo takes it back", async ({ page }) => {
  const studio = await newDesign(page);

  // Pick three real regions: each comes with three zones and estimated round-trip times.
  await studio.palette(/Cloud region/).click();
  const picker = page.getByTestId("cloud-regions");
  for (const code of ["us-east-1", "eu-west-1", "ap-northeast-1"]) {
    await picker.getByRole("searchbox").fill(`aws ${code}`);
    await picker.getByRole("button", { name: new RegExp(`^Add AWS ${code},`) }).click();
  }
  await picker.getByRole("button", { name: "Done" }).click();
  await expect(studio.region("ap-northeast-1")).toBeVisible();
  const context = page.getByRole("region", { name: "System context" });
  await page.keyboard.press("Escape");
  await expect(context.getByLabel("RTT us-east-1 to eu-west-1")).toHaveValue(/^\d+$/);
  await expect(context.getByText("estimated").first()).toBeVisible();
  await context.getByLabel("Survival goal").selectOption("region");
  await context.getByLabel("Partitions").selectOption("must-handle");

  // Three databases in us-east-1 as one consensus store, with a write called from us-east-1.
  for (let i = 0; i < 3; i++) {
    await studio.selectRegion("us-east-1");
    await studio.palette("Database").click();
  }
  await studio.node("database-1").click();
  await studio.node("database-2").click({ modifiers: ["Shift"] });
  await studio.node("database-3").click({ modifiers: ["Shift"] });
  await page.getByRole("navigation", { name: "Palette" }).getByRole("button", { name: "Make store (3)" }).click();
  await page.getByRole("button", { name: "+ Add operation" }).click();
  await page.getByRole("tab", { name: /Analysis/ }).click();
  await expect(page.locator('[data-finding^="survival-goal-unmet:"]').first()).toBeAttached();
  await expect(page.getByTestId("verdict")).toContainText("NEEDS REVISION");

  // Ask for region survival: CockroachDB's answer on this drawing, 2 + 2 + 1.
  await page.getByRole("navigation", { name: "Palette" }).getByRole("button", { name: /Store 1/ }).click();
  const advisor = studio.inspector.getByTestId("placement-advisor");
  await advisor.getByLabel("a region").check();
  await advisor.getByRole("button", { name: "Advise" }).click();
  const advice = advisor.getByTestId("advice");
  await expect(advice).toContainText("5 voters: 2 in us-east-1 (leader), 2 in eu-west-1, 1 in ap-northeast-1");
  await expect(advisor.getByTestId("advice-chart").locator("svg")).toBeVisible();
  await advisor.getByRole("button", { name: "Apply this placement" }).click();

  await expect(page.locator('[data-finding^="survival-goal-unmet:"]')).toHaveCount(0);
  await expect(page.locator(".node-card")).toHaveCount(6); // two of the three reused (moved into zones), three new, the third stays on the canvas

  // One undo: back to three voters in one region, the finding returns.
  await page.locator(".react-flow__pane").click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("Control+z");
  await expect(page.locator(".node-card")).toHaveCount(3);
  await expect(page.locator('[data-finding^="survival-goal-unmet:"]').first()).toBeAttached();
});

test("what-if sweep: a sortable table and chart of every configuration; a row applies", async ({ page, request }) => {
  const design = {
    format: "quorum-studio/design@1",
    name: "Sessions",
    regions: [{ id: "r1", name: "Frankfurt", zones: ["a", "b", "c"] }],
    nodes: [1, 2, 3].map((i) => ({ id: `c${i}`, name: `cass ${i}`, kind: "database", region: "r1", zone: ["a", "b", "c"][i - 1] })),
    stores: [{ id: "s", name: "Sessions", replication: "leaderless", replicas: ["c1", "c2", "c3"], readQuorum: 1, writeQuorum: 1, conflictResolution: "lww" }],
    operations: [
      { id: "w", name: "Write session", store: "s", type: "write", consistency: "eventual" },
      { id: "r", name: "Read session", store: "s", type: "read", consistency: "linearizable" },
    ],
  };
  const created = await (await request.post("/api/designs", { data: design })).json();
  await page.goto(`/designs/${created.id}`);
  const studio = new StudioPage(page);
  await page.getByRole("navigation", { name: "Palette" }).getByRole("button", { name: /Sessions/ }).click();
  await studio.inspector.getByRole("button", { name: /^What if/ }).click();
  const dialog = page.getByTestId("what-if");
  await expect(dialog.getByTestId("what-if-chart").locator("circle.qc-current")).toHaveCount(1);
  await expect(dialog.locator('tr[data-config="n=3 R=1 W=1"]')).toContainText("(now)");
  await dialog.getByLabel("Only configurations that meet every consistency need").check();
  await expect(dialog.locator('tr[data-config="n=3 R=1 W=1"]')).toHaveCount(0);
  await dialog.getByRole("button", { name: /^Stale read/ }).click();
  await dialog.getByRole("button", { name: "Apply n=3 R=2 W=2" }).click();
  await expect(dialog).not.toBeVisible();
  await expect(studio.inspector.getByText("read quorum R").locator("xpath=following-sibling::dd[1]")).toContainText("2");
  await expect(page.locator('[data-finding^="consistency-unsatisfied:"]')).toHaveCount(0);
});
