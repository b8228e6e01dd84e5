import { readFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { StudioPage } from "./studio-page";

/** The action registry's browser-only parts (issue 13): the command palette and the canvas context menu. */

async function openLedger(page: Page, request: APIRequestContext): Promise<StudioPage> {
  const design = JSON.parse(readFileSync("examples/raft-ledger.json", "utf8"));
  const created = await (await request.post("/api/designs", { data: design })).json();
  await page.goto(`/designs/${created.id}`);
  const studio = new StudioPage(page);
  await expect(studio.node("ledger-1")).toBeVisible();
  await studio.settle();
  return studio;
}

const copies = (page: Page) => page.locator('[data-testid^="node-"]').filter({ hasText: "ledger-1 copy" });

test("the command palette: Ctrl+K opens it, typing filters, disabled commands do not run, Enter runs one, Esc closes and gives focus back", async ({ page, request }) => {
  const studio = await openLedger(page, request);
  const palette = page.getByRole("dialog", { name: "Command palette" });
  const search = palette.getByRole("combobox", { name: "Search commands" });

  // Nothing selected: "Duplicate" is listed, greyed, and Enter does nothing.
  await page.keyboard.press("Control+k");
  await expect(palette).toBeVisible();
  await expect(search).toBeFocused();
  await search.fill("duplicate");
  const duplicate = palette.getByRole("option", { name: /Duplicate the selected nodes/ });
  await expect(duplicate).toHaveAttribute("aria-disabled", "true");
  await expect(duplicate).toContainText("Ctrl/⌘ D");
  await search.press("Enter");
  await expect(palette).toBeVisible();
  await expect(copies(page)).toHaveCount(0);
  await search.press("Escape");
  await expect(palette).toBeHidden();

  // With a node selected, it runs; focus goes back to the node it was on.
  await studio.node("ledger-1").click();
  const focused = await page.evaluate(() => document.activeElement?.getAttribute("data-id"));
  expect(focused).toBe("node:ledger-1");
  await page.keyboard.press("Control+k");
  await expect(search).toBeFocused();
  await search.pressSequentially("dup sel");
  const active = await search.getAttribute("aria-activedescendant");
  await expect(palette.locator(`[id="${active}"]`)).toContainText("Duplicate the selected nodes");
  await search.press("Enter");
  await expect(palette).toBeHidden();
  await expect(copies(page)).toHaveCount(1);
  expect(await page.evaluate(() => document.activeElement?.getAttribute("data-id"))).toBe(focused);

  // Arrow keys move the active option; Esc leaves the selection and the canvas as they were.
  await page.keyboard.press("Control+k");
  await search.fill("show the");
  await search.press("ArrowDown");
  await expect(palette.locator(`[id="${await search.getAttribute("aria-activedescendant")}"]`)).toContainText("Show the analysis");
  await search.press("Enter");
  await expect(page.getByRole("tab", { name: /Analysis/ })).toHaveAttribute("aria-selected", "true");

  // A command from a field: Ctrl+K works while typing, and the theme command switches the theme.
  await page.getByLabel("Design name").focus();
  await page.keyboard.press("Control+k");
  await search.fill("dark mode");
  await expect(page.getByTestId("theme-toggle")).toHaveAttribute("aria-label", "Colour theme: System");
  await search.press("Enter");
  await expect(page.getByTestId("theme-toggle")).toHaveAttribute("aria-label", "Colour theme: Light");
  await expect(page.getByLabel("Design name")).toBeFocused();
});

/** How far an element's centre is from the canvas's centre, in screen pixels. */
async function offCentre(page: Page, element: ReturnType<Page["locator"]>): Promise<number> {
  const pane = (await page.locator(".react-flow").boundingBox())!;
  const box = (await element.boundingBox())!;
  return Math.hypot(box.x + box.width / 2 - (pane.x + pane.width / 2), box.y + box.height / 2 - (pane.y + pane.height / 2));
}

test("the command palette finds the design's elements by name or id, grouped apart from commands; Enter selects and centres one, or shows it in the inspector", async ({ page, request }) => {
  const studio = await openLedger(page, request);
  const palette = page.getByRole("dialog", { name: "Command palette" });
  const search = palette.getByRole("combobox", { name: "Search commands" });
  const activeOption = async () => palette.locator(`[id="${await search.getAttribute("aria-activedescendant")}"]`);
  const groups = palette.getByRole("group");

  // A node by name: the Elements group comes first (its match is the better one), with where the node is.
  await page.keyboard.press("Control+k");
  await search.fill("ledger-3");
  await expect(groups.first()).toHaveAccessibleName("Elements");
  await expect(await activeOption()).toContainText("ledger-3");
  await expect(await activeOption()).toContainText("Database in ap-southeast-1 · zone a");
  await search.press("Enter");
  await expect(palette).toBeHidden();
  await studio.settle();
  await expect(studio.inspector.getByRole("region", { name: "Node" }).getByLabel("Name", { exact: true })).toHaveValue("ledger-3");
  expect(await offCentre(page, studio.node("ledger-3"))).toBeLessThan(30);

  // A zone, by its region's name and its letter.
  await page.keyboard.press("Control+k");
  await search.fill("eu-west-1 zone b");
  await expect(await activeOption()).toContainText("Zone in eu-west-1");
  await search.press("Enter");
  await studio.settle();
  await expect(studio.inspector.getByRole("region", { name: "Zone" })).toContainText("In eu-west-1");
  expect(await offCentre(page, page.getByTestId("zone-euw1-b"))).toBeLessThan(30);

  // Commands and elements together: both groups, named; the arrow keys go from one group into the other.
  await page.keyboard.press("Control+k");
  await search.fill("store");
  await expect(groups).toHaveCount(2);
  await expect(groups.nth(0)).toHaveAccessibleName("Commands");
  await expect(groups.nth(1)).toHaveAccessibleName("Elements");
  const commands = await groups.nth(0).getByRole("option").count();
  for (let i = 0; i < commands; i++) await search.press("ArrowDown");
  await expect(await activeOption()).toContainText("Ledger");
  await expect(await activeOption()).toContainText("Store · consensus, 3 replicas");
  await search.press("Enter");
  await expect(studio.inspector.getByRole("region", { name: "Store" })).toBeVisible();

  // An operation by its id: shown in the inspector and the operations table.
  await page.keyboard.press("Control+k");
  await search.fill("balance");
  await expect(await activeOption()).toContainText("Read balance");
  await search.press("Enter");
  await expect(studio.inspector.getByRole("region", { name: "Operation" })).toContainText("Read balance");
  await expect(page.getByRole("tab", { name: /Operations/ })).toHaveAttribute("aria-selected", "true");

  // Nothing matches: said in words.
  await page.keyboard.press("Control+k");
  await search.fill("zzqx");
  await expect(palette).toContainText("No command or element matches “zzqx”.");
  await search.press("Escape");
});

test("the canvas context menu: a node's actions, a zone's 'add here', the pane's; keyboard reachable", async ({ page, request }) => {
  const studio = await openLedger(page, request);

  // A node: right-click selects it; Duplicate runs from the menu.
  await studio.node("ledger-1").click({ button: "right" });
  const nodeMenu = page.getByRole("menu", { name: "Node" });
  await expect(nodeMenu).toBeVisible();
  await expect(nodeMenu.getByRole("menuitem", { name: /^Copy/ })).toBeFocused();
  await expect(nodeMenu.getByRole("menuitem", { name: /Delete the selection/ })).toContainText("Delete");
  await nodeMenu.getByRole("menuitem", { name: /Duplicate/ }).click();
  await expect(nodeMenu).toBeHidden();
  await expect(copies(page)).toHaveCount(1);

  // A zone: "Add here" puts the node where the menu was opened.
  const zone = page.getByTestId("zone-apse1-a");
  const box = (await zone.boundingBox())!;
  await page.mouse.click(box.x + 12, box.y + 8, { button: "right" }); // its label strip: never under a node
  const zoneMenu = page.getByRole("menu", { name: "Zone" });
  await expect(zoneMenu.getByRole("group", { name: "Add here" })).toBeVisible();
  await zoneMenu.getByRole("menuitem", { name: "Cache" }).click();
  const cache = page.locator('[data-testid^="node-"][data-kind="cache"]');
  await expect(cache).toHaveCount(1);
  await studio.expectSaved();
  const saved = (await studio.savedDocument(request)).document;
  expect(saved.nodes.filter((n) => n.region === "apse1" && n.zone === "a")).toHaveLength(2);

  // The keyboard: arrows move, Esc closes and gives focus back.
  await page.locator(".react-flow__pane").click({ button: "right", position: { x: 30, y: 30 } });
  const paneMenu = page.getByRole("menu", { name: "Canvas" });
  await expect(paneMenu).toBeVisible();
  await expect(paneMenu.getByRole("menuitem", { name: "Region", exact: true })).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(paneMenu.getByRole("menuitem", { name: "Region with 3 zones" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(paneMenu).toBeHidden();

  // Shift+F10 on a focused node opens its menu.
  await studio.node("ledger-2").click();
  await page.locator('.react-flow__node[data-id="node:ledger-2"]').focus();
  await page.keyboard.press("Shift+F10");
  await expect(page.getByRole("menu", { name: "Node" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.locator('.react-flow__node[data-id="node:ledger-2"]')).toBeFocused();
});

test("the top bar's undo, redo, share and help come from the registry (tooltip with the shortcut, enabled state)", async ({ page, request }) => {
  const studio = await openLedger(page, request);
  const undo = page.getByRole("button", { name: "Undo" });
  await expect(undo).toHaveAttribute("title", "Undo (Ctrl/⌘ Z)");
  await expect(undo).toBeDisabled();
  await studio.node("ledger-1").click();
  await page.keyboard.press("Control+d");
  await expect(undo).toBeEnabled();
  await expect(page.getByRole("button", { name: "Redo" })).toHaveAttribute("title", "Redo (Ctrl/⌘ Shift Z)");
  await expect(page.getByRole("button", { name: "Keyboard shortcuts" })).toHaveAttribute("title", "Keyboard shortcuts (?)");
  await page.getByRole("button", { name: "Keyboard shortcuts" }).click();
  const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  // Listed from the registry, by group, with the palette's shortcut.
  await expect(help.getByRole("columnheader", { name: "Edit" })).toBeVisible();
  await expect(help.locator('tr[data-action="command-palette"]')).toContainText("Ctrl/⌘ K");
  await expect(help.locator('tr[data-action="duplicate"]')).toContainText("Ctrl/⌘ D");
});

test("the palette, the context menu and the help dialog have no serious or critical accessibility violations, in both themes", async ({ page, request }) => {
  const studio = await openLedger(page, request);
  const check = async (what: string, include: string) => {
    const results = await new AxeBuilder({ page }).include(include).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(bad.map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`), what).toEqual([]);
  };
  for (const theme of ["light", "dark"]) {
    await page.evaluate((t) => (document.documentElement.dataset.theme = t), theme);
    await page.keyboard.press("Control+k");
    // Both groups (commands and the design's elements) on show.
    await page.getByRole("combobox", { name: "Search commands" }).fill("store");
    await expect(page.locator(".command-palette").getByRole("group")).toHaveCount(2);
    await check(`palette (${theme})`, ".command-palette");
    await page.keyboard.press("Escape");
    await studio.node("ledger-1").click({ button: "right" });
    await expect(page.getByRole("menu", { name: "Node" })).toBeVisible();
    await check(`context menu (${theme})`, ".context-menu");
    await page.keyboard.press("Escape");
    await page.keyboard.press("?");
    // The help loads on first use: check it once it is on screen.
    await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
    await check(`help (${theme})`, ".help-dialog");
    await page.keyboard.press("Escape");
  }
});
