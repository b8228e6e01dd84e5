import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { StudioPage } from "./studio-page";

test("an element's id is edited in the inspector: checked as typed, every reference and comment follows, one undo step (issue 13)", async ({ page, request }) => {
  const design = JSON.parse(readFileSync("examples/raft-ledger.json", "utf8"));
  const created = await (await request.post("/api/designs", { data: design })).json();
  const pinned = await request.post(`/api/designs/${created.id}/comments`, { data: { author: "Rita", body: "Is this the right leader?", target: { kind: "node", id: "ledger-1" } } });
  expect(pinned.status()).toBe(201);
  await page.goto(`/designs/${created.id}`);
  const studio = new StudioPage(page);

  await studio.node("ledger-1").click();
  const id = studio.inspector.getByRole("textbox", { name: "ID" });
  await expect(id).toHaveValue("ledger-1");
  await expect(studio.inspector).toContainText("used in JSON paths, the CLI and the API");

  // Checked as typed; nothing applied while invalid.
  await id.fill("ledger 1");
  await expect(studio.inspector.getByRole("alert")).toHaveText('An id takes only letters, digits, "-", "_" and "." (not a space)');
  await id.fill("ledger-2");
  await expect(studio.inspector.getByRole("alert")).toHaveText('“ledger-2” (a node) already has the id "ledger-2"');
  await id.press("Enter");
  await expect(studio.node("ledger-1")).toBeVisible();

  await id.fill("ledger-use1");
  await expect(studio.inspector.getByRole("alert")).toHaveCount(0);
  await id.press("Enter");
  await expect(studio.node("ledger-use1")).toBeVisible();
  await expect(studio.node("ledger-1")).toHaveCount(0);
  // Still selected, the field shows the new id.
  await expect(studio.inspector.getByRole("textbox", { name: "ID" })).toHaveValue("ledger-use1");

  // One undo step puts it back, in the canvas and in the field.
  await page.keyboard.press("Control+z");
  await expect(studio.node("ledger-1")).toBeVisible();
  await studio.node("ledger-1").click();
  await expect(studio.inspector.getByRole("textbox", { name: "ID" })).toHaveValue("ledger-1");
  await studio.inspector.getByRole("textbox", { name: "ID" }).fill("ledger-use1");
  await studio.inspector.getByRole("textbox", { name: "ID" }).blur();
  await expect(studio.node("ledger-use1")).toBeVisible();

  // A region: its zones are renamed with it.
  await studio.selectRegion("use1");
  await studio.inspector.getByRole("textbox", { name: "ID" }).fill("us-east");
  await studio.inspector.getByRole("textbox", { name: "ID" }).press("Enter");
  await expect(studio.region("us-east")).toBeVisible();
  await expect(page.getByTestId("zone-us-east-a")).toBeVisible();

  await studio.expectSaved();
  const saved = (await studio.savedDocument(request)).document as unknown as {
    stores: { replicas: string[]; leader: string }[];
    nodes: { id: string; region: string }[];
    links: { a: string; b: string }[];
    operations: { id: string; clientRegion?: string }[];
  };
  expect(saved.stores[0]).toMatchObject({ replicas: ["ledger-use1", "ledger-2", "ledger-3"], leader: "ledger-use1" });
  expect(saved.nodes.find((n) => n.id === "ledger-use1")?.region).toBe("us-east");
  expect(saved.links[0]).toMatchObject({ a: "us-east", b: "euw1" });
  expect(saved.operations.find((o) => o.id === "transfer")?.clientRegion).toBe("us-east");

  // The comment moved with the node.
  const comments = await (await request.get(`/api/designs/${created.id}/comments`)).json();
  expect(comments[0].target).toMatchObject({ kind: "node", id: "ledger-use1" });
});
