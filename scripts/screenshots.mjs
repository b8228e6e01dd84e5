// Retakes the screenshots in docs/screenshots from a running studio (production build):
//   node scripts/screenshots.mjs http://localhost:3000 [owner-key file]
// The owner key: QUORUM_OWNER_KEY, else the file (default data/pglite.owner-key, what npm start makes).
// Each is the seeded three-region Raft ledger at 1440×900, in light and dark.
import { readFileSync } from "node:fs";
import { chromium } from "@playwright/test";

const base = process.argv[2] ?? "http://localhost:3000";
const key = process.env.QUORUM_OWNER_KEY ?? readFileSync(process.argv[3] ?? "data/pglite.owner-key", "utf8").trim();
const designs = await (await fetch(`${base}/api/designs`, { headers: { authorization: `Bearer ${key}` } })).json();
const ledger = designs.find((d) => d.name.startsWith("Global ledger"));
if (!ledger) throw new Error("the seeded 'Global ledger' example is missing");
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"] });
for (const scheme of ["light", "dark"]) {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, colorScheme: scheme });
  await page.goto(`${base}/sign-in#key=${key}`); // the link npm start prints
  await page.getByRole("button", { name: "New design" }).waitFor();
  await page.goto(`${base}/designs/${ledger.id}`);
  await page.locator(".react-flow__node").first().waitFor();
  await page.waitForTimeout(800);
  await page.screenshot({ path: `docs/screenshots/studio-${scheme}.png` });
  await page.getByRole("tab", { name: /Analysis/ }).click();
  await page.waitForTimeout(400);
  await page.screenshot({ path: `docs/screenshots/analysis-${scheme}.png` });
  await page.getByRole("radio", { name: "Simulate" }).click();
  await page.getByRole("tab", { name: /Operations/ }).click();
  await page.getByRole("combobox", { name: "Side of ap-southeast-1" }).selectOption("0");
  await page.locator('[data-testid="region-euw1"]').click({ position: { x: 60, y: 8 } }).catch(() => undefined);
  await page.waitForTimeout(400);
  await page.screenshot({ path: `docs/screenshots/simulator-${scheme}.png` });
  await page.close();
}
await browser.close();
console.log("docs/screenshots: studio, analysis and simulator in light and dark");
