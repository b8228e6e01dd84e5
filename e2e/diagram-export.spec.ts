import { readFileSync, readdirSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { unzipSync, strFromU8 } from "fflate";

const examples = readdirSync("examples")
  .filter((f) => f.endsWith(".json"))
  .map((f) => ({ slug: f.replace(/\.json$/, ""), design: JSON.parse(readFileSync(`examples/${f}`, "utf8")) }));

test("the Diagram panel renders an SVG topology and sequence diagrams for every template", async ({ page, request }) => {
  for (const { slug, design } of examples) {
    const created = await (await request.post("/api/designs", { data: design })).json();
    await page.goto(`/designs/${created.id}`);
    await page.getByRole("tab", { name: "Diagram" }).click();
    const diagram = page.getByTestId("diagram");
    await expect(diagram.locator("svg"), slug).toBeVisible();
    await expect(diagram, slug).toContainText(design.regions[0].name);
    const picker = page.getByRole("combobox", { name: "Diagram" });
    for (const store of design.stores) {
      await picker.selectOption(store.id);
      await expect(diagram.locator("svg"), `${slug}/${store.id}`).toBeVisible();
      await expect(diagram, `${slug}/${store.id}`).toContainText("write path");
    }
  }
});

test("hostile names render as text in the diagram, nothing executes", async ({ page, request }) => {
  const design = structuredClone(examples.find((e) => e.slug === "raft-ledger")!.design);
  design.name = 'Evil "design" %% --> <b>';
  design.nodes[0].name = "<img src=x onerror=window.__pwned=1>";
  design.nodes[2].name = 'ledger "1" [x] {y} --> end %% %%{init}%%';
  design.regions[0].name = "<script>window.__pwned=1</script>";
  design.stores[0].name = "a|b;c#d";
  const created = await (await request.post("/api/designs", { data: design })).json();
  let dialogs = 0;
  page.on("dialog", (d) => {
    dialogs++;
    void d.dismiss();
  });
  await page.goto(`/designs/${created.id}`);
  await page.getByRole("tab", { name: "Diagram" }).click();
  const diagram = page.getByTestId("diagram");
  await expect(diagram.locator("svg")).toBeVisible();
  await expect(diagram).toContainText("<script>window.__pwned=1</script>");
  await expect(diagram).toContainText('ledger "1" [x] {y} --> end %% %%{init}%%');
  expect(await diagram.locator("script, img").count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  // The canvas shows the same names as plain text too.
  await expect(page.getByTestId("node-lb-use1")).toContainText("<img src=x onerror=window.__pwned=1>");
  expect(dialogs).toBe(0);
});

test("SVG and PNG downloads are valid files; hostile names stay text", async ({ page, request }) => {
  const design = structuredClone(examples.find((e) => e.slug === "raft-ledger")!.design);
  design.regions[0].name = 'us-east "1" <script>x</script> #35; ü';
  const created = await (await request.post("/api/designs", { data: design })).json();
  await page.goto(`/designs/${created.id}`);
  await page.getByRole("tab", { name: "Diagram" }).click();
  await expect(page.getByTestId("diagram").locator("svg")).toBeVisible();

  const [svgFile] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "SVG", exact: true }).click()]);
  expect(svgFile.suggestedFilename()).toBe("Global-ledger-3-region-Raft-topology.svg");
  const svg = readFileSync((await svgFile.path())!, "utf8");
  expect(svg).toMatch(/^<svg[\s>]/);
  expect(svg).not.toMatch(/<script/i);
  // Labels as SVG text, not HTML in foreignObject boxes that clip in other viewers' fonts (issue 13).
  expect(svg).not.toContain("foreignObject");
  expect(svg).toContain("ledger-1");

  // Keep what the PNG is rasterised from: the SVG handed to an <img> through a blob URL.
  await page.evaluate(() => {
    const w = window as unknown as { __svgs: Promise<string>[] };
    w.__svgs = [];
    const original = URL.createObjectURL.bind(URL);
    URL.createObjectURL = (blob: Blob | MediaSource) => {
      if (blob instanceof Blob && blob.type.startsWith("image/svg")) w.__svgs.push(blob.text());
      return original(blob);
    };
  });
  const [pngFile] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "PNG", exact: true }).click()]);
  const png = readFileSync((await pngFile.path())!);
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.readUInt32BE(16)).toBeGreaterThan(400); // width at 2× scale
  const rasterised = await page.evaluate(() => Promise.all((window as unknown as { __svgs: Promise<string>[] }).__svgs));
  expect(rasterised).toHaveLength(1);
  // Pure SVG text (no foreignObject, which would taint the canvas), the name exactly as typed.
  expect(rasterised[0]).not.toContain("foreignObject");
  const texts = await page.evaluate((svg) => new DOMParser().parseFromString(svg, "image/svg+xml").documentElement.textContent ?? "", rasterised[0]);
  expect(texts.replace(/\s+/g, " ")).toContain('us-east "1" <script>x</script> #35; ü');
  await expect(page.locator(".diagram-panel").getByRole("alert")).toHaveCount(0);
});

test("Export downloads a zip with every architecture document, none empty", async ({ page, request }) => {
  const created = await (await request.post("/api/designs", { data: examples.find((e) => e.slug === "raft-ledger")!.design })).json();
  await page.goto(`/designs/${created.id}`);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export" }).click()]);
  expect(download.suggestedFilename()).toBe("Global-ledger-3-region-Raft-architecture.zip");
  const zip = unzipSync(readFileSync((await download.path())!));
  // The documents, and the charts they show (P(fresh) charts only for reads PBS has run for).
  expect(Object.keys(zip).filter((n) => !n.startsWith("charts/freshness-")).sort()).toEqual([
    "architecture.md",
    "cap-analysis.md",
    "charts/availability.svg",
    "charts/latency.svg",
    "design.json",
    "partition-plan.md",
    "sharding.md",
    "summary.txt",
    "topology.mmd",
    "validation.md",
  ]);
  expect(strFromU8(zip["cap-analysis.md"])).toContain("](charts/latency.svg)");
  for (const [name, bytes] of Object.entries(zip)) expect(bytes.length, name).toBeGreaterThan(50);
  expect(strFromU8(zip["validation.md"])).toContain("**Verdict: SOUND**");
});

test("New from example offers every template", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("button", { name: /New from example/ }).click();
  const menu = page.getByRole("menu", { name: "Examples" });
  await expect(menu.getByRole("menuitem")).toHaveCount(examples.length);
  await menu.getByRole("menuitem", { name: /CRDT counters at the edge/ }).click();
  await expect(page).toHaveURL(/\/designs\//);
  await expect(page.getByTestId("verdict")).toContainText("SOUND");
});

test("the diagram opens as wide as the panel and follows the panel as it resizes; Fit comes back to that width", async ({ page, request }) => {
  const created = await (await request.post("/api/designs", { data: examples.find((e) => e.slug === "raft-ledger")!.design })).json();
  await page.goto(`/designs/${created.id}`);
  await page.getByRole("tab", { name: "Diagram" }).click();
  const diagram = page.getByTestId("diagram");
  const svg = diagram.locator("svg");
  await expect(svg).toBeVisible();
  /** The diagram's width and the panel's width inside its padding (it used to open at a fifth of it). */
  const widths = () => diagram.evaluate((el) => ({ svg: el.querySelector("svg")!.getBoundingClientRect().width, panel: el.clientWidth - 16 }));
  await expect.poll(async () => { const w = await widths(); return Math.abs(w.svg - w.panel); }).toBeLessThan(2);
  expect((await widths()).panel).toBeGreaterThan(900);
  // Its labels read: Mermaid's 16 px text is shown at least that large.
  const scale = await diagram.evaluate((el) => { const s = el.querySelector("svg")!; return s.getBoundingClientRect().width / s.viewBox.baseVal.width; });
  expect(scale).toBeGreaterThanOrEqual(1);
  // A narrower window: the diagram follows the panel.
  await page.setViewportSize({ width: 1100, height: 900 });
  await expect.poll(async () => { const w = await widths(); return Math.abs(w.svg - w.panel); }).toBeLessThan(2);
  // Zoom controls still work from there, and Fit comes back to the panel's width.
  const zoom = page.getByRole("group", { name: "Diagram zoom" });
  await zoom.getByRole("button", { name: "Zoom the diagram in" }).click();
  await expect.poll(async () => (await widths()).svg).toBeGreaterThan((await widths()).panel + 20);
  await zoom.getByRole("button", { name: "Fit" }).click();
  await expect.poll(async () => { const w = await widths(); return Math.abs(w.svg - w.panel); }).toBeLessThan(2);
});

test("the diagram zooms (buttons, Ctrl + wheel) and pans by dragging (issue 13: 'Actual size' did nothing useful)", async ({ page, request }) => {
  const created = await (await request.post("/api/designs", { data: examples.find((e) => e.slug === "cockroach-multi-region")!.design })).json();
  await page.goto(`/designs/${created.id}`);
  await page.getByRole("tab", { name: "Diagram" }).click();
  const diagram = page.getByTestId("diagram");
  const svg = diagram.locator("svg");
  await expect(svg).toBeVisible();
  const fitWidth = (await svg.boundingBox())!.width;
  const zoom = page.getByRole("group", { name: "Diagram zoom" });
  for (let i = 0; i < 6; i++) await zoom.getByRole("button", { name: "Zoom the diagram in" }).click();
  await expect.poll(async () => (await svg.boundingBox())!.width).toBeGreaterThan(fitWidth * 1.5);
  expect(await diagram.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeGreaterThan(300); // bigger than the panel
  // Drag to pan: the view scrolls the other way.
  const box = (await diagram.boundingBox())!;
  const before = await diagram.evaluate((el) => el.scrollLeft);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 - 150, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  expect(await diagram.evaluate((el) => el.scrollLeft)).toBeGreaterThan(before + 100);
  await zoom.getByRole("button", { name: "Fit" }).click();
  await expect.poll(async () => Math.round((await svg.boundingBox())!.width)).toBe(Math.round(fitWidth));
});
