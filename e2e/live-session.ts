import { readFileSync } from "node:fs";
import { expect, type APIRequestContext, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from "@playwright/test";
import { ownerState } from "../playwright.config";
import { StudioPage } from "./studio-page";

/**
 * The live-session specs' shared set-up (issue 16: e2e/live.spec.ts, e2e/presence.spec.ts): their
 * design, and other people, each in a browser context of their own (own storage and IndexedDB).
 */

/** Where the studio keeps the display name a person gave (live sessions ask for it once). */
export const IDENTITY_KEY = "quorum-studio:presence";

/**
 * Two regions and a leaderless store on three databases (orders-1 and orders-2 in us-east-1,
 * orders-3 in `orders3Region`), with one write operation.
 */
export function sessionDesign(name: string, orders3Region: "r1" | "r2" = "r1") {
  return {
    format: "quorum-studio/design@1",
    name,
    regions: [
      { id: "r1", name: "us-east-1", zones: ["a"] },
      { id: "r2", name: "eu-west-1", zones: ["a"] },
    ],
    nodes: [
      { id: "pg1", name: "orders-1", kind: "database", region: "r1", zone: "a" },
      { id: "pg2", name: "orders-2", kind: "database", region: "r1", zone: "a" },
      { id: "pg3", name: "orders-3", kind: "database", region: orders3Region, zone: "a" },
    ],
    stores: [{ id: "s1", name: "Orders", replication: "leaderless", replicas: ["pg1", "pg2", "pg3"] }],
    operations: [{ id: "checkout", name: "Checkout", store: "s1", type: "write", consistency: "eventual" }],
  };
}

/** Creates a design through the API (as the signed-in owner); returns its id. */
export async function createDesign(request: APIRequestContext, design: object): Promise<string> {
  const created = await request.post("/api/designs", { data: design });
  expect(created.status()).toBe(201);
  return ((await created.json()) as { id: string }).id;
}

export type Person = { context: BrowserContext; page: Page; studio: StudioPage };
type Identity = { name: string; color: string };
type State = { cookies: unknown[]; origins: { origin: string; localStorage: { name: string; value: string }[] }[] };

/**
 * Another person, in a browser of their own: signed in as the owner (`owner: false` for a
 * reviewer). Their display name is the owner session's ("Owner", e2e/sign-in.setup.ts) unless
 * `identity` gives the one this browser keeps for `baseURL` (null: none, the studio asks).
 * `init` runs on the new page before anything is opened in it.
 */
export async function person(
  browser: Browser,
  options: { owner?: boolean; identity?: Identity | null; baseURL?: string; init?: (page: Page) => Promise<unknown> } = {},
): Promise<Person> {
  const owner = options.owner ?? true;
  let storageState: BrowserContextOptions["storageState"] = owner ? ownerState : { cookies: [], origins: [] };
  if (options.identity !== undefined) {
    if (!options.baseURL) throw new Error("person: an identity needs the baseURL it is kept for");
    const state: State = owner ? (JSON.parse(readFileSync(ownerState, "utf8")) as State) : { cookies: [], origins: [] };
    const origin = new URL(options.baseURL).origin;
    const others = state.origins.filter((o) => o.origin !== origin);
    const mine = state.origins.find((o) => o.origin === origin)?.localStorage.filter((e) => e.name !== IDENTITY_KEY) ?? [];
    if (options.identity) mine.push({ name: IDENTITY_KEY, value: JSON.stringify(options.identity) });
    storageState = { ...state, origins: [...others, { origin, localStorage: mine }] } as BrowserContextOptions["storageState"];
  }
  const context = await browser.newContext({ storageState });
  const page = await context.newPage();
  if (options.init) await options.init(page);
  return { context, page, studio: new StudioPage(page) };
}

/** Opens the studio and waits until its live session is connected (the save indicator says so). */
export async function openLive(studio: StudioPage, id: string) {
  await studio.page.goto(`/designs/${id}`);
  await expect(studio.node("pg1")).toBeVisible();
  await studio.expectLive();
}

/** Creates `design` and opens it live in `count` browsers of the owner's, one after the other. */
export async function openSession(browser: Browser, request: APIRequestContext, design: object, count: number, init?: (page: Page) => Promise<unknown>) {
  const id = await createDesign(request, design);
  const people: Person[] = [];
  for (let i = 0; i < count; i++) people.push(await person(browser, { init }));
  for (const p of people) await openLive(p.studio, id);
  return { id, people };
}

/** Closes every person's browser. */
export async function closeAll(people: Person[]) {
  for (const p of people) await p.context.close();
}
