import { readFileSync } from "node:fs";
import { expect, test as setup } from "@playwright/test";
import { dataRoot, ownerState } from "../playwright.config";

/**
 * The README's run command prints `http://localhost:PORT/sign-in#key=…` (the key the server
 * generated in its data directory). Opening it signs the owner in; the other tests reuse the session.
 */
setup("the printed sign-in link signs the owner in", async ({ page }) => {
  const key = readFileSync(`${dataRoot}/pglite.owner-key`, "utf8").trim();
  await page.goto(`/sign-in#key=${key}`);
  await expect(page.getByRole("button", { name: "New design" })).toBeVisible();
  expect(new URL(page.url()).hash).toBe(""); // the key left the address bar
  // The owner gave their display name before (live sessions ask it once): the tests meet the studio
  // as a returning user does; e2e/presence.spec.ts starts without one.
  await page.evaluate(() => localStorage.setItem("quorum-studio:presence", JSON.stringify({ name: "Owner", color: "#1f77b4" })));
  await page.context().storageState({ path: ownerState });
});
