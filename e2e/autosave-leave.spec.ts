import { expect, test } from "@playwright/test";
import { StudioPage } from "./studio-page";

const design = {
  format: "quorum-studio/design@1",
  name: "Leave test",
  regions: [{ id: "r1", name: "Frankfurt" }],
  nodes: [{ id: "n1", name: "A-name", kind: "database", region: "r1" }],
};

/** An edit made just before leaving is saved: the pending save goes out on the way (walkthrough P1). */
for (const how of ["a link out of the studio", "a reload"] as const) {
  test(`an edit made just before ${how} is not lost`, async ({ page, request }) => {
    const created = await (await request.post("/api/designs", { data: design })).json();
    await page.goto(`/designs/${created.id}`);
    const studio = new StudioPage(page);
    await studio.node("n1").click();
    const name = studio.inspector.getByRole("textbox", { name: "Name", exact: true });
    await name.fill("B-name");
    await name.press("Enter");
    // No wait for the autosave's debounce.
    if (how === "a reload") await page.reload();
    else await page.getByRole("link", { name: "All designs" }).click();
    await expect.poll(async () => (await (await request.get(`/api/designs/${created.id}`)).json()).document.nodes[0].name, { timeout: 10_000 }).toBe("B-name");
  });
}
