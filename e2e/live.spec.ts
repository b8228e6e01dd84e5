import { readFileSync } from "node:fs";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import * as Y from "yjs";
import { designToDoc, readDesign, writeDesign } from "../lib/collab/mapping";
import { toBase64 } from "../lib/collab/protocol";
import type { Design } from "../lib/design/schema";
import { closeAll, createDesign, openLive, openSession, person, sessionDesign } from "./live-session";
import { StudioPage } from "./studio-page";

/**
 * Live co-editing (issue 16) in real Chromium: every browser context is another person (the owner
 * signed in on another machine, or a reviewer), each with its own storage and IndexedDB.
 */

const design = sessionDesign("Live session");

/** Records, in the page, the first input and the first live update POST after `arm` (propagation measurements). */
function instrument(page: Page) {
  return page.addInitScript(() => {
    const w = window as unknown as { __edit: { armed: boolean; inputAt: number; postAt: number } };
    w.__edit = { armed: false, inputAt: 0, postAt: 0 };
    for (const type of ["pointerup", "keydown", "input", "change"]) {
      document.addEventListener(type, () => {
        if (w.__edit.armed && !w.__edit.inputAt) w.__edit.inputAt = Date.now();
      }, true);
    }
    // The session's connection id, once the server's hello arrived (the session is live).
    const Source = window.EventSource;
    window.EventSource = class extends Source {
      constructor(url: string | URL, init?: EventSourceInit) {
        super(url, init);
        this.addEventListener("hello", (e) => ((window as unknown as { __conn: string }).__conn = (JSON.parse((e as MessageEvent<string>).data) as { conn: string }).conn));
      }
    };
    const fetch0 = window.fetch.bind(window);
    window.fetch = (input, init) => {
      const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
      if (w.__edit.armed && !w.__edit.postAt && init?.method === "POST" && /\/live$/.test(url) && typeof init.body === "string" && init.body.includes('"update"')) w.__edit.postAt = Date.now();
      return fetch0(input, init);
    };
  });
}

/** What the watching page waits for: a text in an element, an input's value, or an element inside another. */
type Probe = { kind: "text"; selector: string; text: string } | { kind: "value"; selector: string; value: string } | { kind: "inside"; selector: string; within: string };

/**
 * Starts watching `watcher` for `probe` (polled every 5 ms in the page) and arms `editor`'s
 * recorders; returns a function that waits for the probe and gives the propagation times.
 */
async function measure(editor: Page, watcher: Page, probe: Probe): Promise<() => Promise<{ fromInput: number; fromPost: number }>> {
  await editor.evaluate(() => {
    const w = window as unknown as { __edit: { armed: boolean; inputAt: number; postAt: number } };
    w.__edit = { armed: true, inputAt: 0, postAt: 0 };
  });
  await watcher.evaluate((p) => {
    const w = window as unknown as { __seenAt: number };
    w.__seenAt = 0;
    const found = (selector: string) => document.querySelector<HTMLElement>(selector);
    const check = () => {
      const el = found(p.selector);
      if (!el) return false;
      if (p.kind === "text") return (el.textContent ?? "").includes(p.text);
      if (p.kind === "value") return (el as HTMLInputElement).value === p.value;
      const outer = found(p.within);
      if (!outer) return false;
      const a = el.getBoundingClientRect();
      const b = outer.getBoundingClientRect();
      return a.left >= b.left && a.right <= b.right && a.top >= b.top && a.bottom <= b.bottom;
    };
    if (check()) throw new Error(`the watching page already shows ${JSON.stringify(p)}`);
    const timer = setInterval(() => {
      if (check()) {
        w.__seenAt = Date.now();
        clearInterval(timer);
      }
    }, 5);
  }, probe);
  return async () => {
    const seen = Number(await (await watcher.waitForFunction(() => (window as unknown as { __seenAt: number }).__seenAt || false, undefined, { timeout: 5_000 })).jsonValue());
    const edit = await editor.evaluate(() => (window as unknown as { __edit: { inputAt: number; postAt: number } }).__edit);
    expect(edit.inputAt, "the edit was made in the editing page").toBeGreaterThan(0);
    return { fromInput: seen - edit.inputAt, fromPost: edit.postAt ? seen - edit.postAt : NaN };
  };
}

const propagation: { edit: string; fromInput: number; fromPost: number }[] = [];

function record(edit: string, times: { fromInput: number; fromPost: number }) {
  propagation.push({ edit, ...times });
  console.log(`live propagation: ${edit}: ${times.fromInput} ms from the input (${times.fromPost} ms from its POST)`);
  test.info().annotations.push({ type: "propagation", description: `${edit}: ${times.fromInput} ms (POST → screen ${times.fromPost} ms)` });
}

test.afterAll(() => {
  if (propagation.length) console.log(`live propagation (target 200 ms): ${propagation.map((p) => `${p.edit} ${p.fromInput} ms`).join("; ")}`);
});

async function renameNode(studio: StudioPage, id: string, name: string) {
  await studio.node(id).click();
  const field = studio.inspector.getByRole("textbox", { name: "Name", exact: true });
  await field.fill(name);
  await field.press("Enter");
}

/** The design as this page holds it, read the way a user can: "Download the design file (JSON)" from the command palette. */
async function downloadedDesign(page: Page): Promise<string> {
  await page.keyboard.press("Escape");
  await page.keyboard.press("Control+k");
  const palette = page.getByRole("dialog", { name: "Command palette" });
  await palette.getByRole("combobox", { name: "Search commands" }).fill("Download the design file");
  const [download] = await Promise.all([page.waitForEvent("download"), palette.getByRole("combobox", { name: "Search commands" }).press("Enter")]);
  return readFileSync(await download.path(), "utf8");
}

/** A design as the API returns it (these designs have every list). */
type Saved = Design & Required<Pick<Design, "regions" | "nodes" | "stores" | "operations">>;

async function savedDocument(request: APIRequestContext, id: string): Promise<Saved> {
  const res = await request.get(`/api/designs/${id}`, { maxRetries: 1 });
  expect(res.ok()).toBe(true);
  return ((await res.json()) as { document: Saved }).document;
}

const nodeName = (id: string) => `[data-testid="node-${id}"]`;

test("two editors: canvas, inspector, operations and context edits each appear in the other's studio at once", async ({ browser, request }) => {
  const { id, people: [a, b] } = await openSession(browser, request, design, 2, instrument);

  // Canvas: A adds a database from the palette to eu-west-1.
  await a.studio.selectRegion("r2");
  let done = await measure(a.page, b.page, { kind: "inside", selector: nodeName("database-1"), within: '[data-testid="region-r2"]' });
  await a.studio.palette("Database").click();
  record("add a node (palette)", await done());
  await expect(b.studio.node("database-1")).toBeVisible();

  // Canvas: B drags orders-3 from us-east-1 into eu-west-1.
  await b.studio.settle();
  done = await measure(b.page, a.page, { kind: "inside", selector: nodeName("pg3"), within: '[data-testid="region-r2"]' });
  await b.studio.drag(b.studio.node("pg3"), b.studio.region("r2"), { x: 15, y: 225 });
  record("drag a node to another region", await done());
  await a.studio.node("pg3").click();
  await expect(a.studio.inspector.getByRole("combobox", { name: "Region" })).toHaveValue("r2");

  // Inspector: A renames a node; B changes the store's replication.
  await a.studio.node("pg1").click();
  const name = a.studio.inspector.getByRole("textbox", { name: "Name", exact: true });
  done = await measure(a.page, b.page, { kind: "text", selector: nodeName("pg1"), text: "orders-primary" });
  await name.fill("orders-primary");
  record("rename a node (inspector)", await done());
  await name.press("Enter");
  await expect(b.studio.node("pg1")).toContainText("orders-primary");

  await b.page.getByRole("region", { name: "Stores" }).getByRole("button", { name: /Orders/ }).click();
  done = await measure(b.page, a.page, { kind: "text", selector: 'section[aria-label="Stores"]', text: "consensus" });
  await b.studio.inspector.getByLabel("Replication").selectOption("consensus");
  record("store replication (inspector)", await done());
  await expect(a.page.getByRole("region", { name: "Stores" })).toContainText("consensus");

  // Operations table: A asks for linearizable reads of Checkout.
  const consistency = (page: Page) => page.getByRole("table", { name: "Operations" }).locator('tbody[data-op="checkout"]').getByLabel("Required consistency");
  done = await measure(a.page, b.page, { kind: "value", selector: 'tbody[data-op="checkout"] select[aria-label="Required consistency"]', value: "linearizable" });
  await consistency(a.page).selectOption("linearizable");
  record("required consistency (operations)", await done());
  await expect(consistency(b.page)).toHaveValue("linearizable");

  // System context: B sets the survival goal (nothing selected, so the inspector shows the context).
  await b.page.keyboard.press("Escape");
  await a.page.keyboard.press("Escape");
  const survival = (page: Page) => page.getByRole("region", { name: "System context" }).getByLabel("Survival goal");
  await expect(survival(b.page)).toBeVisible();
  await expect(survival(a.page)).toBeVisible();
  const survivalId = await survival(a.page).getAttribute("id");
  done = await measure(b.page, a.page, { kind: "value", selector: `[id="${survivalId}"]`, value: "region" });
  await survival(b.page).selectOption("region");
  record("survival goal (system context)", await done());
  await expect(survival(a.page)).toHaveValue("region");

  // Everything is saved, once, with every edit.
  await a.studio.expectLive();
  await b.studio.expectLive();
  const saved = await savedDocument(request, id);
  expect(saved.nodes.find((n) => n.id === "pg1")?.name).toBe("orders-primary");
  expect(saved.nodes.find((n) => n.id === "pg3")?.region).toBe("r2");
  expect(saved.nodes.find((n) => n.id === "database-1")?.region).toBe("r2");
  expect(saved.stores[0].replication).toBe("consensus");
  expect(saved.operations[0].consistency).toBe("linearizable");
  expect(saved.context?.survivalGoal).toBe("region");
  await closeAll([a, b]);
});

test("three editors edit different elements at the same moment: all three end identical, with every edit kept", async ({ browser, request }) => {
  const { id, people } = await openSession(browser, request, design, 3);
  const [a, b, c] = people;

  // A and B select the node each renames; then all three edit at once (C adds a region).
  await a.studio.node("pg1").click();
  await b.studio.node("pg2").click();
  const field = (p: typeof a) => p.studio.inspector.getByRole("textbox", { name: "Name", exact: true });
  await Promise.all([
    field(a).fill("alpha").then(() => field(a).press("Enter")),
    field(b).fill("bravo").then(() => field(b).press("Enter")),
    c.studio.palette("Region").click(),
  ]);

  for (const p of people) {
    await expect(p.studio.node("pg1")).toContainText("alpha");
    await expect(p.studio.node("pg2")).toContainText("bravo");
    await expect(p.studio.region("region-1")).toBeVisible();
    await p.studio.expectLive();
  }
  const saved = await (await request.get(`/api/designs/${id}/document`, { maxRetries: 1 })).text();
  const shown = await Promise.all(people.map((p) => downloadedDesign(p.page)));
  for (const text of shown) expect(text).toBe(saved);
  const document = JSON.parse(saved) as Saved;
  expect(document.nodes.map((n) => n.name)).toEqual(["alpha", "bravo", "orders-3"]);
  expect(document.regions.map((r) => r.id)).toEqual(["r1", "r2", "region-1"]);
  await closeAll(people);
});

test("undo undoes only your own edit: the other editor's rename stays in both studios", async ({ browser, request }) => {
  const { id, people: [a, b] } = await openSession(browser, request, design, 2);

  await renameNode(a.studio, "pg1", "mine");
  await expect(b.studio.node("pg1")).toContainText("mine");
  await renameNode(b.studio, "pg2", "theirs");
  await expect(a.studio.node("pg2")).toContainText("theirs");

  await a.page.keyboard.press("Escape");
  await a.page.keyboard.press("Control+z");
  for (const p of [a, b]) {
    await expect(p.studio.node("pg1")).toContainText("orders-1");
    await expect(p.studio.node("pg2")).toContainText("theirs");
  }
  // Redo brings A's rename back; B's undo then undoes B's rename only.
  await a.page.keyboard.press("Control+Shift+z");
  await expect(b.studio.node("pg1")).toContainText("mine");
  await b.page.keyboard.press("Escape");
  await b.page.keyboard.press("Control+z");
  for (const p of [a, b]) {
    await expect(p.studio.node("pg1")).toContainText("mine");
    await expect(p.studio.node("pg2")).toContainText("orders-2");
  }
  await a.studio.expectLive();
  await b.studio.expectLive();
  const saved = await savedDocument(request, id);
  expect(saved.nodes.map((n) => n.name)).toEqual(["mine", "orders-2", "orders-3"]);
  await closeAll([a, b]);
});

test("an edit made while the previous one is still being sent is sent too: the indicator ends at Saved and the other editor sees both", async ({ browser, request }) => {
  const { people: [a, b] } = await openSession(browser, request, design, 2);

  // A slow network: the first update takes a second to reach the server.
  let delayed = false;
  await a.page.route(/\/live$/, async (route) => {
    if (!delayed && route.request().method() === "POST" && (route.request().postData() ?? "").includes('"update"')) {
      delayed = true;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    await route.fallback();
  });
  await renameNode(a.studio, "pg1", "first");
  await expect(a.studio.saveState).toHaveText("Saving…");
  await renameNode(a.studio, "pg2", "second");
  await a.studio.expectLive();
  await expect(b.studio.node("pg1")).toContainText("first");
  await expect(b.studio.node("pg2")).toContainText("second");
  await closeAll([a, b]);
});

test("a reviewer of the latest version watches the owner's edits live, cannot edit, and the server refuses an update from the review page (403)", async ({ browser, request }) => {
  const id = await createDesign(request, design);
  const { path, token } = (await (await request.post(`/api/designs/${id}/review-links`, { data: {} })).json()) as { path: string; token: string };
  const owner = await person(browser, { init: instrument });
  await openLive(owner.studio, id);
  const reviewer = await person(browser, { owner: false, init: instrument });
  await reviewer.page.goto(path);
  await expect(reviewer.page.getByTestId("read-only")).toHaveText(/Review · read-only/);
  await expect(reviewer.studio.node("pg1")).toContainText("orders-1");
  // The review page's live stream is open (its hello arrived) before the owner edits.
  const conn = String(await (await reviewer.page.waitForFunction(() => (window as unknown as { __conn?: string }).__conn)).jsonValue());

  await owner.studio.node("pg1").click();
  const done = await measure(owner.page, reviewer.page, { kind: "text", selector: nodeName("pg1"), text: "orders-primary" });
  await owner.studio.inspector.getByRole("textbox", { name: "Name", exact: true }).fill("orders-primary");
  record("owner → reviewer", await done());
  await expect(reviewer.studio.node("pg1")).toContainText("orders-primary");

  // Read-only in the UI.
  await expect(reviewer.page.getByRole("navigation", { name: "Palette" })).toHaveCount(0);
  await reviewer.studio.node("pg2").click();
  await expect(reviewer.page.getByRole("complementary", { name: "Inspector" }).getByRole("textbox", { name: "Name" })).toBeDisabled();
  await reviewer.page.keyboard.press("Delete");
  await expect(reviewer.studio.node("pg2")).toBeVisible();

  // And on the server: a well-formed Yjs update posted from the review page is refused.
  const saved = await savedDocument(request, id);
  const doc = designToDoc(saved);
  const updates: Uint8Array[] = [];
  doc.on("update", (u: Uint8Array) => updates.push(u));
  doc.transact(() => writeDesign(doc, readDesign(doc), { ...saved, name: "Changed by a reviewer" }));
  const update = toBase64(Y.mergeUpdates(updates));
  const status = await reviewer.page.evaluate(
    async ({ url, update, conn }) => (await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ conn, update }) })).status,
    { url: `/api/review/${token}/live`, update, conn },
  );
  expect(status).toBe(403);
  await expect(owner.studio.saveState).toHaveText("Saved");
  expect((await savedDocument(request, id)).name).toBe(design.name);
  await expect(reviewer.page.getByRole("heading", { name: design.name })).toBeVisible();
  await closeAll([owner, reviewer]);
});

test("offline: edits are kept on this device while the connection is down and merge with the other editor's on reconnect", async ({ browser, request }) => {
  const { id, people: [a, b] } = await openSession(browser, request, design, 2);

  await a.context.setOffline(true);
  await renameNode(a.studio, "pg1", "offline-edit");
  await expect(a.studio.saveState).toHaveText(/^Offline — (an edit|\d+ edits) kept on this device$/, { timeout: 15_000 });
  await renameNode(b.studio, "pg2", "online-edit");
  await b.studio.expectLive();
  await expect(b.studio.node("pg1")).toContainText("orders-1");

  await a.context.setOffline(false);
  await a.studio.expectLive();
  for (const p of [a, b]) {
    await expect(p.studio.node("pg1")).toContainText("offline-edit", { timeout: 15_000 });
    await expect(p.studio.node("pg2")).toContainText("online-edit", { timeout: 15_000 });
  }
  const saved = await savedDocument(request, id);
  expect(saved.nodes.map((n) => n.name)).toEqual(["offline-edit", "online-edit", "orders-3"]);
  await closeAll([a, b]);
});

test("offline: an edit made offline in a page closed before reconnecting is merged when the design is opened again", async ({ browser, request }) => {
  const { id, people: [a, b] } = await openSession(browser, request, design, 2);

  await a.context.setOffline(true);
  await renameNode(a.studio, "pg3", "kept-on-device");
  await expect(a.studio.saveState).toHaveText(/^Offline — (an edit|\d+ edits) kept on this device$/, { timeout: 15_000 });
  await a.page.close();
  await a.context.setOffline(false);
  // The server never got it.
  expect((await savedDocument(request, id)).nodes[2].name).toBe("orders-3");

  const again = new StudioPage(await a.context.newPage());
  await again.page.goto(`/designs/${id}`);
  await expect(again.page.getByRole("status").filter({ hasText: "Edits you made offline on this device were merged into the design." })).toBeVisible();
  await expect(again.node("pg3")).toContainText("kept-on-device");
  await expect(b.studio.node("pg3")).toContainText("kept-on-device");
  await again.expectLive();
  expect((await savedDocument(request, id)).nodes[2].name).toBe("kept-on-device");
  await closeAll([a, b]);
});
