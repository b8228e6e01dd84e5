import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { analyze, tVisibilityOf } from "../lib/analysis/index";
import { simulate } from "../lib/analysis/simulate";
import { formatFailover, formatFresh, formatLatencyChange } from "../lib/client/format";
import { findExample } from "../lib/design/examples/index";
import type { Design } from "../lib/design/schema";
import { StudioPage } from "./studio-page";

/**
 * The analysis model's version 2 outputs in the studio: CAP "neither", PBS t-visibility computed
 * in a worker and drawn as a chart (with its numbers as text), the leader-failover window, and
 * simulated latency under a failure.
 */

/** Leaderless R = W = 2 of 6 over three regions: quorums that do not meet, so neither CP nor AP. */
const ring: Design = {
  format: "quorum-studio/design@1",
  name: "R=W=2 of 6",
  context: { partitionTolerance: "must-handle", survivalGoal: "none" },
  regions: [
    { id: "a", name: "Region A" },
    { id: "b", name: "Region B" },
    { id: "c", name: "Region C" },
  ],
  links: [
    { a: "a", b: "b", rttMs: 40 },
    { a: "a", b: "c", rttMs: 90 },
    { a: "b", b: "c", rttMs: 70 },
  ],
  nodes: ["a", "b", "c"].flatMap((r) => [1, 2].map((i) => ({ id: `${r}${i}`, name: `${r}${i}`, kind: "database", region: r }))),
  stores: [
    {
      id: "kv",
      name: "KV",
      purpose: "data",
      replication: "leaderless",
      replicas: ["a1", "a2", "b1", "b2", "c1", "c2"],
      readQuorum: 2,
      writeQuorum: 2,
      conflictResolution: "lww",
    },
  ],
  operations: [
    { id: "put", name: "Put item", store: "kv", type: "write", consistency: "eventual", clientRegion: "a" },
    { id: "get", name: "Get item", store: "kv", type: "read", consistency: "eventual", clientRegion: "c" },
  ],
};

async function open(page: Page, request: APIRequestContext, design: Design): Promise<StudioPage> {
  const created = await (await request.post("/api/designs", { data: design })).json();
  await page.goto(`/designs/${created.id}`);
  await expect(page.getByRole("table", { name: "Operations" })).toBeVisible();
  return new StudioPage(page);
}

/** Focuses an operation (its row) so the inspector shows it. */
async function inspect(page: Page, opId: string) {
  await page.locator(`tbody[data-op="${opId}"]`).getByLabel("Operation name").click();
  await expect(page.getByRole("complementary", { name: "Inspector" }).getByRole("heading", { name: "Operation" })).toBeVisible();
}

test("R = W = 2 of 6: CAP neither, and the P(fresh) chart from the worker with its numbers as text", async ({ page, request }) => {
  const analysis = analyze(ring);
  expect(analysis.operations.map((o) => o.cap)).toEqual(["neither", "neither"]);
  const expected = tVisibilityOf(ring, { trials: 100_000 })["get"];
  expect(expected).toBeDefined();

  await open(page, request, ring);
  const row = page.locator('tbody[data-op="get"]');
  // The pill carries the word, not colour alone.
  await expect(row.locator(".pill")).toHaveText("neither");
  await expect(row.locator(".pill")).toHaveClass(/neither/);

  await inspect(page, "get");
  const inspector = page.getByRole("complementary", { name: "Inspector" });
  await expect(inspector.getByTestId("op-cap")).toHaveText("neither");
  // Its "why?" says so in the engine's words, and names its source on a line of its own.
  await inspector.getByTestId("op-cap").locator("xpath=..").getByRole("button", { name: "why?" }).click();
  await expect(inspector.getByRole("note")).toContainText("a partition can make it unavailable, yet it does not get linearizability");
  await inspector.getByTestId("op-cap").locator("xpath=..").getByRole("button", { name: "why?" }).click();

  // The worker's figures arrive: the chart (an SVG curve, one mark per point) and the numbers.
  const figure = inspector.getByTestId("tv-figure");
  await expect(figure).toBeVisible({ timeout: 20_000 });
  await expect(figure.locator('[data-testid="tv-chart"] svg path.qc-line')).toBeVisible();
  await expect(figure.locator('[data-testid="tv-chart"] svg circle.qc-point')).toHaveCount(expected.points.length);
  const table = figure.getByTestId("tv-table");
  for (const p of expected.points) {
    await expect(table.locator("tr", { hasText: new RegExp(`^${p.tMs} ms`) })).toContainText(formatFresh(p.pFresh));
  }
  // The figure's accessible name lists every point, so a screen reader gets the numbers too.
  const label = await figure.getAttribute("aria-label");
  for (const p of expected.points) expect(label).toContain(`${p.tMs} ms: ${formatFresh(p.pFresh)}`);
  await expect(inspector.getByTestId("op-t-visibility")).toContainText("fresh 99.9 %");
  await expect(inspector.getByTestId("op-k-staleness")).toContainText("k=1");
  await row.getByRole("button", { name: /^Details of / }).click();
  await expect(row.locator(".freshness")).toContainText("k=1");
});

test("a consensus write shows its leader-failover window; a read that waits for no leader says so", async ({ page, request }) => {
  const ledger = findExample("raft-ledger")!.design;
  const analysis = analyze(ledger);
  const write = analysis.operations.find((o) => o.type === "write" && o.leaderFailoverMs > 0)!;
  const follower = analysis.operations.find((o) => o.leaderFailoverMs === 0);
  await open(page, request, ledger);
  await page.locator(`tbody[data-op="${write.id}"]`).getByRole("button", { name: /^Details of / }).click();
  await expect(page.locator(`tbody[data-op="${write.id}"]`)).toContainText(`failover ${formatFailover(write.leaderFailoverMs)}`);
  await inspect(page, write.id);
  const inspector = page.getByRole("complementary", { name: "Inspector" });
  await expect(inspector.getByTestId("op-failover")).toHaveText(`unavailable for ${formatFailover(write.leaderFailoverMs)} when the leader dies`);
  await inspector.getByTestId("op-failover").locator("xpath=..").getByRole("button", { name: "why?" }).click();
  await expect(inspector.locator(".why-source")).toContainText("Source: etcd");
  if (follower) {
    await inspect(page, follower.id);
    await expect(inspector.getByTestId("op-failover")).toContainText("none");
  }
});

test("simulator: failing the Raft leader's region shows the new latency next to the normal one, and why", async ({ page, request }) => {
  const ledger = findExample("raft-ledger")!.design;
  const store = ledger.stores!.find((s) => s.replication === "consensus")!;
  const leaderRegion = ledger.nodes!.find((n) => n.id === store.leader)!.region;
  const analysis = analyze(ledger);
  const sim = simulate(ledger, { failRegions: [leaderRegion] });
  const write = analysis.operations.find((o) => o.store === store.id && o.type === "write")!;
  const simWrite = sim.operations.find((o) => o.id === write.id)!;
  expect(simWrite.available).toBe(true);
  expect(simWrite.latencyMs).not.toBe(write.latencyMs);

  const studio = await open(page, request, ledger);
  const row = page.locator(`tbody[data-op="${write.id}"]`);
  await page.getByRole("radio", { name: "Simulate" }).click();
  await expect(row.getByTestId("sim-latency")).toHaveText(formatLatencyChange(write.latencyMs, write.latencyMs));
  await studio.settle();
  await studio.selectRegion(leaderRegion);
  await expect(studio.region(leaderRegion)).toContainText("FAILED");
  const changed = formatLatencyChange(write.latencyMs, simWrite.latencyMs);
  expect(changed).toContain("→");
  await expect(row.getByTestId("sim-latency")).toHaveText(changed);
  const panel = page.getByRole("complementary", { name: "Simulator" });
  const item = panel.locator(`li[data-op="${write.id}"]`);
  await expect(item.getByTestId("sim-op-latency")).toHaveText(changed);
  await expect(item).toContainText("new leader");
  // The crown follows the failure: the down leader loses it, the elected one wears it.
  const elected = sim.leaders[store.id]!;
  expect(elected).not.toBe(store.leader);
  await expect(page.getByTestId(`node-${store.leader}`).locator("[data-leader]")).toHaveCount(0);
  await expect(page.getByTestId(`node-${elected}`).locator(".chip.new-leader")).toHaveAttribute("title", /new leader in this scenario/);
});

test("why? explanations: one at a time, Esc or a click elsewhere closes them", async ({ page, request }) => {
  await open(page, request, ring);
  await page.getByRole("tab", { name: /Analysis/ }).click();
  const whys = page.getByRole("tabpanel").getByRole("button", { name: "why?" });
  await whys.nth(0).click();
  await expect(page.getByRole("note")).toHaveCount(1);
  // Opening another closes the first: they never pile up.
  await whys.nth(1).click();
  await expect(page.getByRole("note")).toHaveCount(1);
  await expect(whys.nth(1)).toHaveAttribute("aria-expanded", "true");
  await expect(whys.nth(0)).toHaveAttribute("aria-expanded", "false");
  // Esc closes it and gives the focus back to its "why?".
  await page.keyboard.press("Escape");
  await expect(page.getByRole("note")).toHaveCount(0);
  await expect(whys.nth(1)).toBeFocused();
  // A click anywhere else closes it too.
  await whys.nth(0).click();
  await expect(page.getByRole("note")).toHaveCount(1);
  await page.getByRole("tab", { name: /Operations/ }).click();
  await expect(page.getByRole("note")).toHaveCount(0);
});
