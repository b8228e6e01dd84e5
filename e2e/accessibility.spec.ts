import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { EXAMPLES } from "../lib/design/examples/index";

/** axe-core's WCAG 2.1 A/AA checks: no serious or critical violation (issue 13). */
async function expectAccessible(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const report = bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`).join("\n");
  expect(bad, `${what}:\n${report}`).toEqual([]);
}

test("home, studio, review and history pages have no serious or critical accessibility violations", async ({ page, request, browser }) => {
  const design = EXAMPLES.find((e) => e.slug === "raft-ledger")!.design;
  const created = await (await request.post("/api/designs", { data: design })).json();

  await page.goto("/");
  await expect(page.getByRole("button", { name: "New design" })).toBeVisible();
  await expectAccessible(page, "home");

  await page.goto(`/designs/${created.id}`);
  await expect(page.getByRole("table", { name: "Operations" })).toBeVisible();
  await expectAccessible(page, "studio");

  await page.getByRole("tab", { name: "History" }).click();
  await expect(page.getByRole("tabpanel")).toContainText("Created");
  await expectAccessible(page, "history");

  const { path } = await (await request.post(`/api/designs/${created.id}/review-links`, { data: {} })).json();
  const reviewer = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const review = await reviewer.newPage();
  await review.goto(path);
  await expect(review.getByTestId("read-only")).toBeVisible();
  await expectAccessible(review, "review");
  await reviewer.close();
});
