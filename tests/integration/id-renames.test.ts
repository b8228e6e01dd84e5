import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as collection from "@/app/api/designs/route";
import * as item from "@/app/api/designs/[id]/route";
import * as commentsRoute from "@/app/api/designs/[id]/comments/route";
import { raftLedger } from "@/lib/design/examples/raft-ledger";
import { impliedRenames, renameId } from "@/lib/design/ids";
import type { Design } from "@/lib/design/schema";
import { useDbForTests } from "@/lib/server/db";
import { freshDb, type TestDb } from "./test-db";

let t: TestDb;
beforeAll(async () => {
  t = await freshDb();
  useDbForTests(t.db);
});
afterAll(() => t?.close());

const json = (method: string, body: unknown) => new Request("http://test.local/", { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
const params = <T extends Record<string, string>>(p: T) => ({ params: Promise.resolve(p) });

async function createDesign(design: Design) {
  const res = await collection.POST(json("POST", design));
  return (await res.json()) as { id: string; version: number };
}
async function comment(id: string, target: { kind: string; id: string }, text: string) {
  const res = await commentsRoute.POST(json("POST", { author: "Rita", body: text, target }), params({ id }));
  expect(res.status).toBe(201);
}
async function pins(id: string) {
  const res = await commentsRoute.GET(new Request("http://test.local/"), params({ id }));
  const list = (await res.json()) as { body: string; target: { kind: string; id: string; label: string | null } | null }[];
  return Object.fromEntries(list.map((c) => [c.body, c.target && `${c.target.kind}:${c.target.id}`]));
}

describe("renaming ids moves the comments pinned to them (same transaction as the save)", () => {
  it("re-pins element, zone and finding comments; leaves the others alone", async () => {
    const design = await createDesign(raftLedger);
    await comment(design.id, { kind: "region", id: "use1" }, "region");
    await comment(design.id, { kind: "zone", id: "use1/a" }, "zone");
    await comment(design.id, { kind: "node", id: "ledger-1" }, "node");
    await comment(design.id, { kind: "store", id: "ledger" }, "store");
    await comment(design.id, { kind: "operation", id: "transfer" }, "operation");
    await comment(design.id, { kind: "node", id: "ledger-2" }, "other node");

    let doc = renameId(raftLedger, "region", "use1", "us-east");
    doc = renameId(doc, "node", "ledger-1", "ledger-use1");
    doc = renameId(doc, "store", "ledger", "accounts");
    doc = renameId(doc, "operation", "transfer", "post-transfer");
    const renames = [
      ...impliedRenames(raftLedger, "region", "use1", "us-east"),
      { kind: "node", from: "ledger-1", to: "ledger-use1" },
      { kind: "store", from: "ledger", to: "accounts" },
      { kind: "operation", from: "transfer", to: "post-transfer" },
    ];
    const res = await item.PUT(json("PUT", { baseVersion: 1, document: doc, renames }), params({ id: design.id }));
    expect(res.status).toBe(200);
    expect(await pins(design.id)).toEqual({
      region: "region:us-east",
      zone: "zone:us-east/a",
      node: "node:ledger-use1",
      store: "store:accounts",
      operation: "operation:post-transfer",
      "other node": "node:ledger-2",
    });
  });

  it("moves a comment on a finding with the operation the finding is about", async () => {
    const slow = { ...raftLedger, stores: raftLedger.stores!.map((s) => ({ ...s, leader: "ledger-3" })) };
    const design = await createDesign(slow);
    await comment(design.id, { kind: "finding", id: "latency-slo:transfer" }, "finding");
    const doc = renameId(slow, "operation", "transfer", "post-transfer");
    await item.PUT(json("PUT", { baseVersion: 1, document: doc, renames: [{ kind: "operation", from: "transfer", to: "post-transfer" }] }), params({ id: design.id }));
    expect(await pins(design.id)).toEqual({ finding: "finding:latency-slo:post-transfer" });
  });

  it("ignores a rename to an id the saved document does not have, and refuses a malformed one (400, nothing saved)", async () => {
    const design = await createDesign(raftLedger);
    await comment(design.id, { kind: "node", id: "ledger-1" }, "node");
    const ok = await item.PUT(json("PUT", { baseVersion: 1, document: raftLedger, renames: [{ kind: "node", from: "ledger-1", to: "ghost" }] }), params({ id: design.id }));
    expect(ok.status).toBe(200);
    expect(await pins(design.id)).toEqual({ node: "node:ledger-1" });
    const bad = await item.PUT(json("PUT", { baseVersion: 2, document: raftLedger, renames: [{ kind: "planet", from: "a", to: "b" }] }), params({ id: design.id }));
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain("renames[0].kind");
  });

  it("a save refused as stale (409) moves no comment", async () => {
    const design = await createDesign(raftLedger);
    await comment(design.id, { kind: "store", id: "ledger" }, "store");
    await item.PUT(json("PUT", { baseVersion: 1, document: { ...raftLedger, name: "other tab" } }), params({ id: design.id }));
    const doc = renameId(raftLedger, "store", "ledger", "accounts");
    const stale = await item.PUT(json("PUT", { baseVersion: 1, document: doc, renames: [{ kind: "store", from: "ledger", to: "accounts" }] }), params({ id: design.id }));
    expect(stale.status).toBe(409);
    expect(await pins(design.id)).toEqual({ store: "store:ledger" });
  });
});
