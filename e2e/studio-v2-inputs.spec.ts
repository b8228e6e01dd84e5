import { expect, test, type Page } from "@playwright/test";
import { StudioPage } from "./studio-page";

async function newDesign(page: Page): Promise<StudioPage> {
  await page.goto("/");
  await page.getByRole("button", { name: "New design" }).click();
  await expect(page).toHaveURL(/\/designs\//);
  return new StudioPage(page);
}

/** Two regions renamed dc1 and dc2, with `perRegion[i]` databases in each (database-1… in order). */
async function twoDatacenters(studio: StudioPage, perRegion: [number, number]) {
  const { page } = studio;
  await studio.palette("Region").click();
  await studio.palette("Region").click();
  for (const [i, region] of ["region-1", "region-2"].entries()) {
    await studio.selectRegion(region);
    const name = studio.inspector.getByRole("textbox", { name: "Name" });
    await name.fill(`dc${i + 1}`);
    await name.press("Enter");
    // A click-added node goes into the selected node's region, so the next one follows it.
    for (let k = 0; k < perRegion[i]; k++) await studio.palette("Database").click();
  }
  await page.keyboard.press("Escape");
  await page.keyboard.press("Escape");
  const context = page.getByRole("region", { name: "System context" });
  await context.getByLabel("RTT dc1 to dc2").fill("40");
  await page.keyboard.press("Escape");
  await page.keyboard.press("f");
  await studio.settle();
}

async function makeStore(studio: StudioPage, nodes: string[]) {
  await studio.node(nodes[0]).click();
  for (const id of nodes.slice(1)) await studio.node(id).click({ modifiers: ["Shift"] });
  await studio.page.getByRole("navigation", { name: "Palette" }).getByRole("button", { name: `Make store (${nodes.length})` }).click();
  await expect(studio.inspector.getByRole("heading", { name: "Store" })).toBeVisible();
}

test("a two-datacenter leaderless store with LOCAL_QUORUM: one control per quorum, the analysis per datacenter", async ({ page, request }) => {
  const studio = await newDesign(page);
  await twoDatacenters(studio, [3, 3]);
  await makeStore(studio, ["database-1", "database-2", "database-3", "database-4", "database-5", "database-6"]);
  const inspector = studio.inspector;
  await inspector.getByLabel("Replication").selectOption("leaderless");

  // One control each, numbers named as Cassandra users know them, plus the per-datacenter specs.
  const read = inspector.getByLabel("Read quorum (R)");
  await expect(read.locator("option")).toContainText(["default: 4 (QUORUM)", "1 (ONE)", "2 (TWO)", "3 (THREE)", "4 (QUORUM)", "5", "6 (ALL)", "LOCAL_QUORUM", "EACH_QUORUM"]);
  await read.selectOption("local-quorum");
  await inspector.getByLabel("Write quorum (W)").selectOption("local-quorum");
  // What it means here, with region names.
  await expect(inspector).toContainText("LOCAL_QUORUM: 2 of 3 replicas in the callers' region (dc1 or dc2)");
  // Fields that apply to leaderless stores only; none of the consensus ones.
  await expect(inspector.getByLabel("Read repair")).toHaveValue("blocking");
  await expect(inspector.getByLabel("Sloppy quorums (hinted handoff)")).not.toBeChecked();
  await expect(inspector.getByLabel("Election timeout (ms)")).toHaveCount(0);
  await expect(inspector.getByLabel("Add a learner")).toHaveCount(0);
  // The ring's label names the specs.
  await expect(page.locator('.store-label[data-full-label$="R LOCAL_QUORUM / W LOCAL_QUORUM"]')).toHaveCount(1);

  // A write and a read from dc1, a read from dc2.
  const ops = page.getByRole("table", { name: "Operations" });
  for (let i = 0; i < 3; i++) await page.getByRole("button", { name: "+ Add operation" }).click();
  const [write, readDc1, readDc2] = ["operation-1", "operation-2", "operation-3"].map((id) => ops.locator(`tbody[data-op="${id}"]`));
  await ops.getByRole("button", { name: "All details" }).click();
  await write.getByLabel("Operation name").fill("Save cart");
  await write.getByLabel("Callers' region").selectOption("region-1");
  await readDc1.getByLabel("Operation name").fill("Read cart (dc1)");
  await readDc1.getByLabel("Type").selectOption("read");
  await readDc1.getByLabel("Callers' region").selectOption("region-1");
  await readDc2.getByLabel("Operation name").fill("Read cart (dc2)");
  await readDc2.getByLabel("Type").selectOption("read");
  await readDc2.getByLabel("Callers' region").selectOption("region-2");

  // LOCAL_QUORUM in dc1 (2 of 3), with its blocking read-repair write-back there too: it survives
  // one node failure, and it meets the write made from the same datacenter: linearizable.
  await expect(readDc1).toContainText("1 node ·");
  await expect(readDc1).toContainText("✔ linearizable");
  // From dc2 it misses dc1's write quorum entirely: eventual only.
  await expect(readDc2).toContainText("✖ eventual");
  await expect(write).toContainText("1 node ·");

  // The store's own figures: the specs by name, PACELC in two halves, each with its "why?".
  await page.getByRole("navigation", { name: "Palette" }).getByRole("button", { name: /Store 1/ }).click();
  const figures = inspector.getByRole("definition").filter({ hasText: "LOCAL_QUORUM" });
  await expect(figures).toHaveCount(2);
  await expect(inspector.getByTestId("pacelc-partition")).toContainText(/^(PC|PA|mixed)\b/);
  await expect(inspector.getByTestId("pacelc-else")).toContainText("EL"); // the dc2 read is not linearizable
  await inspector.getByTestId("pacelc-else").getByRole("button", { name: "why?" }).click();
  await expect(inspector.getByRole("note")).toContainText("Read cart (dc2) (eventual)");

  // Read repair and sloppy quorums change the provided level.
  await inspector.getByLabel("Read repair").selectOption("async");
  await expect(readDc1).toContainText("✖ eventual");
  await inspector.getByLabel("Read repair").selectOption("blocking");
  await expect(readDc1).toContainText("✔ linearizable");

  // The survival goal: losing dc1 stops its LOCAL_QUORUM operations.
  await page.keyboard.press("Escape");
  await page.keyboard.press("Escape");
  const context = page.getByRole("region", { name: "System context" });
  await context.getByLabel("Survival goal").selectOption("region");
  await expect(context).toContainText("one whole region is lost");
  await context.getByLabel("Network jitter (ms)").fill("5");
  await page.getByRole("tab", { name: /Analysis/ }).click();
  await expect(page.locator('[data-finding="survival-goal-unmet:operation-2"]')).toBeVisible();

  await studio.expectSaved();
  const saved = (await studio.savedDocument(request)).document as unknown as {
    stores: { readQuorum?: unknown; writeQuorum?: unknown; readRepair?: unknown }[];
    context: { survivalGoal?: string };
    defaults: { jitterMs?: number };
  };
  expect(saved.stores[0]).toMatchObject({ readQuorum: "local-quorum", writeQuorum: "local-quorum" });
  expect(saved.stores[0]).not.toHaveProperty("readRepair"); // back to the default
  expect(saved.context.survivalGoal).toBe("region");
  expect(saved.defaults.jitterMs).toBe(5);
});

test("a consensus store gets learners (an existing node and a new one) that show on the canvas and in the diagram", async ({ page, request }) => {
  const studio = await newDesign(page);
  await twoDatacenters(studio, [3, 1]);
  await makeStore(studio, ["database-1", "database-2", "database-3"]);
  const inspector = studio.inspector;
  await expect(inspector.getByLabel("Replication")).toHaveValue("consensus");
  await expect(inspector.getByLabel("Read quorum (R)")).toHaveCount(0);
  await expect(inspector.getByLabel("Election timeout (ms)")).toHaveAttribute("placeholder", "1000");
  await expect(inspector.getByLabel("Failover time (ms)")).toHaveCount(0);

  // An existing node that is not a replica…
  const add = inspector.getByLabel("Add a learner");
  await expect(add.locator("option", { hasText: "Database 1" })).toHaveCount(0); // a voter cannot also be a learner
  await add.selectOption({ label: "Database 4 (dc2)" });
  await expect(studio.node("database-4").getByText("learner", { exact: true })).toBeVisible();
  await expect(inspector.getByRole("list", { name: "Learners" })).toContainText("Database 4");
  // …drawn apart from the voters: a dotted edge from the leader.
  await expect(page.locator(".store-line.learner-edge")).toHaveCount(1);
  // …or a new node, created in the chosen region in the same step.
  await add.selectOption({ label: "New node in dc2" });
  await expect(studio.node("database-5")).toBeVisible();
  await expect(studio.node("database-5").getByText("learner", { exact: true })).toBeVisible();
  await expect(page.locator(".store-line.learner-edge")).toHaveCount(2);
  await expect(studio.node("database-1")).not.toContainText("learner");

  // The figures: n counts voters only; the learners are named, with a "why?".
  const learnersRow = inspector.getByRole("definition").filter({ hasText: "Database 4, Database 5" });
  await expect(learnersRow).toBeVisible();
  await learnersRow.getByRole("button", { name: "why?" }).click();
  await expect(inspector.getByRole("note")).toContainText("2 learners not counted");

  // Each edit is one undo step.
  await inspector.getByRole("button", { name: "Remove learner Database 4" }).click();
  await expect(studio.node("database-4")).not.toContainText("learner");
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(studio.node("database-4").getByText("learner", { exact: true })).toBeVisible();

  // Timings, typed in ms: typing never reaches the canvas shortcuts ("s" would switch to the simulator).
  const staleness = inspector.getByLabel("Max staleness (ms)");
  await staleness.fill("5000");
  await staleness.press("Backspace");
  await staleness.press("s");
  await expect(page.getByRole("radio", { name: "Design" })).toHaveAttribute("aria-checked", "true");
  await expect(staleness).toHaveValue("500");
  await inspector.getByLabel("Election timeout (ms)").fill("2500");

  // Mermaid draws the learners on dotted links labelled non-voting.
  await page.getByRole("tab", { name: "Diagram" }).click();
  await expect(page.getByTestId("diagram").locator("svg")).toBeVisible();
  await expect(page.getByTestId("diagram")).toContainText("learner (non-voting)");

  await studio.expectSaved();
  const saved = (await studio.savedDocument(request)).document as unknown as { stores: { learners?: string[]; maxStalenessMs?: number; electionTimeoutMs?: number }[] };
  expect(saved.stores[0]).toMatchObject({ learners: ["database-4", "database-5"], maxStalenessMs: 500, electionTimeoutMs: 2500 });
});
