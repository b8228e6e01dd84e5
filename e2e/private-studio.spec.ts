import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { dataRoot } from "../playwright.config";

test.use({ storageState: { cookies: [], origins: [] } }); // a visitor who has not signed in

test("a private studio: visitors meet the sign-in page, the owner key lets them in, sign-out ends the session", async ({ page, request }) => {
  expect((await request.get("/api/designs")).status()).toBe(401);
  await page.goto("/designs/anything");
  await expect(page.getByRole("heading", { name: "Quorum Studio" })).toBeVisible();
  await expect(page.getByText("This studio is private")).toBeVisible();

  await page.getByLabel("Owner key").fill("not the key");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("That is not the owner key.")).toHaveAttribute("role", "alert");

  await page.getByLabel("Owner key").fill(readFileSync(`${dataRoot}/pglite.owner-key`, "utf8").trim());
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/designs\/anything$/); // back where the visitor was going (a 404 here)
  await page.goto("/");
  await expect(page.getByRole("button", { name: "New design" })).toBeVisible();
  const cookie = (await page.context().cookies()).find((c) => c.name === "qs_session");
  expect(cookie?.httpOnly).toBe(true);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByText("This studio is private")).toBeVisible();
  // The old cookie, replayed, no longer opens anything.
  const replay = await request.get("/api/designs", { headers: { cookie: `qs_session=${cookie?.value}` } });
  expect(replay.status()).toBe(401);
});
