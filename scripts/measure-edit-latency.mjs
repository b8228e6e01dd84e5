// Measures edit → analysis-in-the-panel in the real studio (Chromium, production build) on a
// generated 500-node design: the figure docs/benchmarks.md reports. Needs a running studio:
//   node scripts/measure-edit-latency.mjs http://localhost:3000
import { chromium } from "@playwright/test";
import { register } from "tsx/esm/api";

register();
const { largeDesign } = await import("../lib/design/testing/generate.ts");
const base = process.argv[2] ?? "http://localhost:3000";
const design = largeDesign({ nodes: 500, stores: 50, operations: 500 });
const created = await (await fetch(`${base}/api/designs`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(design) })).json();
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"] });
const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
await page.goto(`${base}/designs/${created.id}`, { waitUntil: "networkidle" });
await page.getByRole("tab", { name: /Analysis/ }).click();
await page.getByTestId("analysis-ms").waitFor();
// In the page: from the input event to the first frame painted after the panel shows the new analysis.
await page.evaluate(() => {
  window.__latencies = [];
  let start = 0;
  document.addEventListener("input", () => (start = performance.now()), true);
  const target = document.querySelector('[data-testid="analysis-ms"]');
  new MutationObserver(() => {
    if (!start) return;
    const t = start;
    start = 0;
    requestAnimationFrame(() => setTimeout(() => window.__latencies.push(performance.now() - t), 0));
  }).observe(target, { attributes: true, attributeFilter: ["data-ms"] });
});
const samples = [];
// A node's name (a design's name is not analysed): the first card, renamed in the inspector.
await page.locator(".react-flow__node-component").first().click();
const name = page.getByRole("complementary", { name: "Inspector" }).getByRole("textbox", { name: "Name", exact: true });
for (let i = 0; i < 30; i++) {
  const before = await page.getByTestId("analysis-ms").getAttribute("data-ms");
  await name.fill(`Renamed ${i}`);
  await page.waitForFunction((was) => document.querySelector('[data-testid="analysis-ms"]')?.getAttribute("data-ms") !== was, before);
  await page.waitForTimeout(50);
  samples.push({ reported: Number((await page.getByTestId("analysis-ms").textContent()).match(/([\d.]+) ms/)?.[1] ?? 0.5) });
}
const painted = await page.evaluate(() => window.__latencies);
const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`edit → analysis computed and in the store: median ${median(samples.map((s) => s.reported)).toFixed(1)} ms`);
console.log(`input event → panel updated and painted: median ${median(painted).toFixed(1)} ms, max ${Math.max(...painted).toFixed(1)} ms (n=${painted.length})`);
await fetch(`${base}/api/designs/${created.id}`, { method: "DELETE" });
await browser.close();
