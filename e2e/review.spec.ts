import { readFileSync } from "node:fs";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { StudioPage } from "./studio-page";

const raftLedger = JSON.parse(readFileSync("examples/raft-ledger.json", "utf8"));

/** Console errors about the Content-Security-Policy: the app must need nothing it forbids. */
function watchCsp(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" && /Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  return violations;
}

async function openDesign(page: Page, request: APIRequestContext, design = raftLedger) {
  const created = await (await request.post("/api/designs", { data: design })).json();
  await page.goto(`/designs/${created.id}`);
  const studio = new StudioPage(page);
  await expect(studio.node("ledger-1")).toBeVisible();
  return { studio, id: created.id as string };
}

test("owner shares; a reviewer who cannot edit comments on a node; the owner replies and resolves; revoking ends the link", async ({ page, request, browser }) => {
  // Two browsers, three reloads, two live sessions: it took 55–65 s at a load average of 20.
  test.slow();
  const ownerCsp = watchCsp(page);
  const { studio, id } = await openDesign(page, request);

  // Share for review: the link is shown once, and listed.
  await page.getByRole("button", { name: "Share" }).click();
  const dialog = page.getByRole("dialog", { name: "Share for review" });
  await dialog.getByLabel("Label (for you)").fill("DB team");
  await dialog.getByRole("button", { name: "Create link" }).click();
  const link = await dialog.getByRole("textbox", { name: "Review link" }).inputValue();
  expect(link).toMatch(/\/r\/[A-Za-z0-9_-]{43}$/);
  await expect(dialog.getByTestId("review-link")).toHaveCount(1);
  await dialog.getByRole("button", { name: "Close" }).click();

  // The reviewer, in a browser of their own.
  const reviewerContext = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const reviewer = await reviewerContext.newPage();
  const reviewerCsp = watchCsp(reviewer);
  await reviewer.addInitScript(() => ((window as unknown as { pwned: number }).pwned = 0));
  await reviewer.goto(link);
  await expect(reviewer.getByTestId("read-only")).toHaveText(/Review · read-only/);
  await expect(reviewer.getByTestId("verdict")).toContainText("SOUND");
  // The studio's address (the design id) is nowhere on the page.
  expect(await reviewer.content()).not.toContain(id);
  // The link opens the review and nothing else (audit D1): the list and the API want the owner.
  expect((await reviewerContext.request.get("/api/designs")).status()).toBe(401);
  expect((await reviewerContext.request.get(`/api/designs/${id}`)).status()).toBe(401);
  expect((await reviewerContext.request.get("/", { maxRedirects: 0 })).headers()["location"]).toMatch(/\/sign-in\?next=%2F$/);

  // Nothing can be changed: no palette, no name field, Delete does nothing, fields are disabled.
  await expect(reviewer.getByRole("navigation", { name: "Palette" })).toHaveCount(0);
  await expect(reviewer.getByRole("textbox", { name: "Design name" })).toBeDisabled();
  const node = reviewer.getByTestId("node-ledger-2");
  await node.click();
  await reviewer.keyboard.press("Delete");
  await expect(node).toBeVisible();
  await expect(reviewer.getByRole("complementary", { name: "Inspector" }).getByRole("textbox", { name: "Name" })).toBeDisabled();
  // The node's stores are listed; nothing offers to make one (issue 13: it showed an empty section).
  await expect(reviewer.getByTestId("node-stores")).toContainText("Ledger");
  await expect(reviewer.getByTestId("node-stores").getByRole("button", { name: /Make store/ })).toHaveCount(0);

  // The operations table, the analysis with "why?", the diagram and the simulator all work.
  await expect(reviewer.locator(`[data-op-name="transfer"]`)).toHaveValue("Post transfer");
  await expect(reviewer.getByRole("table", { name: "Operations" })).toContainText("76 ms / 250 ms");
  await reviewer.getByRole("tab", { name: /Analysis/ }).click();
  await reviewer.getByRole("tab", { name: /Diagram/ }).click();
  await expect(reviewer.getByTestId("diagram").locator("svg").first()).toBeVisible();
  await reviewer.getByRole("radio", { name: "Simulate" }).click();
  await reviewer.getByTestId("region-apse1").click({ position: { x: 60, y: 10 } });
  await expect(reviewer.getByTestId("region-apse1")).toHaveAttribute("data-failed", "true");
  await reviewer.getByRole("radio", { name: "Design" }).click();

  // Comment on the node, with hostile text that must stay text.
  await node.click();
  await reviewer.getByRole("button", { name: "Comment on this node" }).click();
  await reviewer.getByLabel("Your name").fill("Rita <img src=x onerror=window.pwned=1>");
  await reviewer.getByRole("textbox", { name: "Comment", exact: true }).fill("Is ledger-2 in the right zone? <script>window.pwned=2</script> https://etcd.io/docs");
  await reviewer.getByRole("button", { name: "Comment", exact: true }).click();
  const thread = reviewer.getByTestId("thread");
  await expect(thread).toContainText("node “ledger-2”");
  await expect(thread).toContainText("<script>window.pwned=2</script>");
  await expect(thread.getByRole("link", { name: "https://etcd.io/docs" })).toHaveAttribute("rel", /noopener/);

  // The owner sees the marker on the node after a refresh, opens the thread, replies and resolves.
  await page.reload();
  const marker = page.getByTestId("comment-marker-node-ledger-2");
  await expect(marker).toHaveText(/1/);
  await marker.click();
  const ownerThread = page.getByTestId("thread");
  await expect(ownerThread).toContainText("Is ledger-2 in the right zone?");
  await expect(ownerThread).toContainText("Rita <img src=x onerror=window.pwned=1>");
  await ownerThread.getByRole("button", { name: "Reply" }).click();
  await ownerThread.getByRole("textbox", { name: "Reply" }).fill("Yes: zone a is the one with the fast disks.");
  await ownerThread.getByRole("textbox", { name: "Reply" }).press("Control+Enter"); // sends, like the comment box
  await expect(ownerThread).toContainText("zone a is the one with the fast disks");
  await ownerThread.getByRole("button", { name: "Resolve" }).click();
  await expect(page.getByText("Resolved (1)")).toBeVisible();
  await expect(marker).toHaveCount(0);

  // The reviewer sees the owner's reply (the comments refresh on focus and every few seconds).
  await reviewer.reload();
  await reviewer.getByRole("tab", { name: /Comments/ }).click();
  await reviewer.getByText("Resolved (1)").click();
  await expect(reviewer.getByTestId("thread")).toContainText("zone a is the one with the fast disks");
  expect(await reviewer.evaluate(() => (window as unknown as { pwned: number }).pwned)).toBe(0);

  // The owner renames the design: the reviewer, on the latest version, sees it live (issue 16), no reload.
  const name = page.getByRole("textbox", { name: "Design name" }).first();
  await name.fill("Global ledger, second draft");
  await name.press("Enter");
  await studio.expectSaved();
  await expect(reviewer.getByRole("heading", { name: "Global ledger, second draft" })).toBeVisible();
  await expect(reviewer.getByText(/The owner saved a newer version/)).toHaveCount(0);

  // The link list counts the comments; revoking it makes the reviewer's reload a plain 404.
  await page.getByRole("button", { name: "Share" }).click();
  const row = dialog.getByTestId("review-link");
  await expect(row).toContainText("DB team");
  await expect(row.locator("td").nth(3)).toHaveText("1"); // comments that came through this link
  await row.getByRole("button", { name: "Revoke" }).click();
  await expect(row).toHaveAttribute("data-status", "revoked");
  const response = await reviewer.reload();
  expect(response?.status()).toBe(404);
  await expect(reviewer.getByRole("heading", { name: "This review link does not work" })).toBeVisible();
  expect(await reviewer.content()).not.toContain("second draft");

  expect(ownerCsp).toEqual([]);
  expect(reviewerCsp).toEqual([]);
  await reviewerContext.close();
  await studio.expectSaved();
});

test("History: the analysis diff names the finding a change introduced; restoring the old version brings back its canvas and verdict", async ({ page, request }) => {
  const { studio } = await openDesign(page, request);

  // Move the Raft leader to Singapore: the US transfer misses its 250 ms SLO.
  await page.getByRole("navigation", { name: "Palette" }).getByRole("button", { name: /Ledger/ }).click();
  await studio.inspector.getByRole("button", { name: "Make ledger-3 the leader" }).click();
  await expect(page.getByTestId("verdict")).toContainText("NEEDS REVISION");
  await studio.expectSaved();

  await page.getByRole("tab", { name: "History" }).click();
  await expect(page.getByTestId("revision-2")).toContainText("1 store changed");
  await page.getByTestId("revision-1").getByRole("button", { name: "Compare with current" }).click();
  const diff = page.getByTestId("analysis-diff");
  await expect(diff).toContainText("SOUND → NEEDS REVISION");
  await expect(diff.locator(".finding-diff.appeared")).toContainText("latency-slo “Post transfer” takes about 375 ms");
  await expect(diff.locator(".op-diff")).toContainText("Post transfer");
  await expect(diff).toBeInViewport(); // the comparison shows where it was asked for

  // Name version 1, then restore it.
  await page.getByTestId("revision-1").getByRole("button", { name: "Name" }).click();
  await page.getByRole("textbox", { name: "Version name" }).fill("v1 for review");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("revision-1")).toContainText("v1 for review");
  page.once("dialog", (d) => void d.accept());
  await page.getByTestId("revision-1").getByRole("button", { name: "Restore" }).click();
  await expect(page.getByTestId("verdict")).toContainText("SOUND");
  await expect(page.getByTestId("revision-3")).toContainText("Restored version 1");

  // Sharing pins only versions that mean something: this one, or a named one (not every autosave).
  await page.getByRole("button", { name: "Share" }).click();
  const shown = page.getByRole("dialog", { name: "Share for review" }).getByLabel("Version shown");
  await expect(shown.locator("option")).toHaveText(["The latest saved version, as it changes", "Only this version (v3)", "Only v1 — v1 for review"]);
  await page.keyboard.press("Escape");

  // It is saved: a reload shows version 1's leader and verdict.
  await page.reload();
  await expect(page.getByTestId("verdict")).toContainText("SOUND");
  await page.getByRole("navigation", { name: "Palette" }).getByRole("button", { name: /Ledger/ }).click();
  await expect(studio.inspector.getByRole("button", { name: "ledger-1 is the leader" })).toHaveClass(/is-leader/);

  // The old version's read-only preview shows what it was.
  const [preview] = await Promise.all([page.waitForEvent("popup"), page.getByRole("tab", { name: "History" }).click().then(() => page.getByTestId("revision-2").getByRole("link", { name: "Preview" }).click())]);
  await expect(preview.getByTestId("read-only")).toHaveText(/Version 2/);
  await expect(preview.getByTestId("verdict")).toContainText("NEEDS REVISION");
});

test("hostile names and comments stay inert on the review page, in its comments, history and exports", async ({ page, request, browser }) => {
  const design = structuredClone(raftLedger);
  design.name = "<img src=x onerror=window.__pwned=1> design";
  design.nodes[2].name = "<script>window.__pwned=2</script>";
  design.regions[0].name = 'us "east" --> %% <b>';
  design.operations[0].name = "<svg onload=window.__pwned=3>";
  const created = await (await request.post("/api/designs", { data: design })).json();
  const share = await (await request.post(`/api/designs/${created.id}/review-links`, { data: {} })).json();

  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const reviewer = await context.newPage();
  const csp = watchCsp(reviewer);
  let dialogs = 0;
  reviewer.on("dialog", (d) => {
    dialogs++;
    void d.dismiss();
  });
  await reviewer.goto(share.path);
  await expect(reviewer.getByRole("heading", { name: design.name })).toBeVisible();
  await expect(reviewer.getByTestId("node-ledger-1")).toContainText("<script>window.__pwned=2</script>");
  // Comment on the hostile node and the hostile operation, with hostile text.
  await reviewer.getByRole("tab", { name: /Comments/ }).click();
  await reviewer.getByLabel("Your name").fill("<iframe src=javascript:window.__pwned=4>");
  await reviewer.getByRole("combobox", { name: "Comment on" }).selectOption({ label: "<script>window.__pwned=2</script>" });
  await reviewer.getByRole("textbox", { name: "Comment", exact: true }).fill('<a href="javascript:window.__pwned=5">click</a> javascript:window.__pwned=6');
  await reviewer.getByRole("button", { name: "Comment", exact: true }).click();
  await expect(reviewer.getByTestId("thread")).toContainText('<a href="javascript:window.__pwned=5">click</a>');
  expect(await reviewer.getByTestId("thread").locator("a, iframe, script, img").count()).toBe(0);
  for (const tab of ["Operations", "Analysis", "Diagram"]) await reviewer.getByRole("tab", { name: new RegExp(tab) }).click();
  await expect(reviewer.getByTestId("diagram").locator("svg").first()).toBeVisible();
  // The export a reviewer downloads is built from the same data.
  const [download] = await Promise.all([reviewer.waitForEvent("download"), reviewer.getByRole("button", { name: "Export" }).click()]);
  expect(download.suggestedFilename()).toMatch(/architecture\.zip$/);

  // The owner's view of the same comment.
  await page.goto(`/designs/${created.id}`);
  await page.getByRole("tab", { name: /Comments/ }).click();
  await expect(page.getByTestId("thread")).toContainText("<iframe src=javascript:window.__pwned=4>");
  await page.getByRole("tab", { name: "History" }).click();
  await expect(page.getByTestId("revision-1")).toBeVisible();

  for (const p of [reviewer, page]) expect(await p.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(dialogs).toBe(0);
  expect(csp).toEqual([]);
  await context.close();
});

test("over HTTP: the review API has no mutating method, dead tokens are 404, security headers are set", async ({ request }) => {
  const created = await (await request.post("/api/designs", { data: raftLedger })).json();
  const { token, link } = await (await request.post(`/api/designs/${created.id}/review-links`, { data: { expiresInDays: 1 } })).json();
  for (const method of ["PUT", "PATCH", "DELETE"] as const) {
    expect((await request.fetch(`/api/review/${token}`, { method, data: {} })).status(), method).toBe(405);
    expect((await request.fetch(`/api/review/${token}/comments`, { method, data: {} })).status(), method).toBe(405);
  }
  // A path no API route serves answers JSON, not the HTML "not found" page.
  const nowhere = await request.fetch(`/api/review/${token}/comments/x`, { method: "PATCH", data: {} });
  expect(nowhere.status()).toBe(404);
  expect((await nowhere.json()).error.code).toBe("not_found");
  // The token in place of the design id reaches nothing.
  expect((await request.put(`/api/designs/${token}`, { data: { baseVersion: 1, document: raftLedger } })).status()).toBe(404);
  expect((await request.delete(`/api/designs/${token}`)).status()).toBe(404);

  const page = await request.get(`/r/${token}`);
  expect(page.status()).toBe(200);
  const headers = page.headers();
  expect(headers["referrer-policy"]).toBe("no-referrer");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["cache-control"]).toContain("no-store");
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  const html = await page.text();
  expect(html).not.toContain(created.id);
  // A pasted link unfolds into a generic card (issue 13): the studio's image, nothing of the design.
  const og = Object.fromEntries([...html.matchAll(/<meta property="(og:[a-z:]+)" content="([^"]*)"/g)].map((m) => [m[1], m[2]]));
  expect(og["og:title"]).toBe("Design review");
  expect(og["og:image"]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/og\.png$/);
  expect(Object.values(og).join(" ")).not.toContain(raftLedger.name);
  const image = await request.get("/og.png", { headers: { cookie: "" } });
  expect(image.headers()["content-type"]).toBe("image/png");
  expect((await request.get("/manifest.webmanifest")).ok()).toBe(true);

  await request.delete(`/api/designs/${created.id}/review-links/${link.id}`);
  const dead = await request.get(`/r/${token}`);
  expect(dead.status()).toBe(404);
  expect(await dead.text()).not.toContain(raftLedger.name);
  expect((await request.get(`/api/review/${token}`)).status()).toBe(404);
});
