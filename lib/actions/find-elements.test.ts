import { describe, expect, it } from "vitest";
import { raftLedger } from "../design/examples/raft-ledger";
import { elementsFirst, searchElements } from "./find-elements";
import { ACTIONS } from "./registry";
import { scoreActions } from "./search";

const labels = (query: string) => searchElements(raftLedger, query).map((e) => `${e.kind}:${e.label}`);

describe("command palette: the design's elements", () => {
  it("finds elements of every kind by name, with what and where they are in words", () => {
    const ledger = searchElements(raftLedger, "ledger");
    // The store whose id is the query first, then names starting with it in document order, then
    // the operations on the Ledger store (found by their store's name).
    expect(ledger.map((e) => e.label)).toEqual(["Ledger", "ledger API", "ledger-1", "ledger-2", "ledger-3", "ledger API", "Post transfer", "Read balance", "Monthly statement"]);
    expect(labels("post")).toEqual(["operation:Post transfer"]);
    expect(ledger.find((e) => e.label === "ledger-2")).toMatchObject({ kind: "node", detail: "Database in eu-west-1 · zone a", target: { type: "node", id: "ledger-2" } });
    expect(ledger.find((e) => e.label === "Ledger")).toMatchObject({ kind: "store", detail: "Store · consensus, 3 replicas", target: { type: "store", id: "ledger" } });
    expect(labels("transfer")).toEqual(["operation:Post transfer"]);
    expect(searchElements(raftLedger, "transfer")[0]).toMatchObject({ detail: "Operation · write on Ledger", target: { type: "operation", id: "transfer" } });
    // The region by its name first; what lies in it after.
    expect(labels("eu-west")[0]).toBe("region:eu-west-1");
    expect(labels("eu-west")).toContain("zone:zone b");
  });

  it("finds zones by their region's name and letter, and goes to the zone in that region", () => {
    expect(labels("eu-west-1 zone b")[0]).toBe("zone:zone b");
    const zone = searchElements(raftLedger, "eu-west-1 zone b")[0];
    expect(zone).toMatchObject({ detail: "Zone in eu-west-1", target: { type: "zone", region: "euw1", zone: "b" } });
  });

  it("an exact id comes first; a word of the id finds it too", () => {
    expect(searchElements(raftLedger, "api-euw1")[0]).toMatchObject({ label: "ledger API", detail: "Service in eu-west-1 · zone b" });
    expect(searchElements(raftLedger, "apse1")[0]).toMatchObject({ kind: "region", label: "ap-southeast-1" });
    expect(searchElements(raftLedger, "statement")[0].target).toEqual({ type: "operation", id: "statement" });
  });

  it("every word must match; nothing for an empty query or nonsense; at most `limit`", () => {
    expect(labels("ledger api")).toEqual(["node:ledger API", "node:ledger API"]);
    expect(labels("")).toEqual([]);
    expect(labels("zzqx")).toEqual([]);
    expect(searchElements(raftLedger, "a", 3)).toHaveLength(3);
  });

  it("keys are unique (two nodes may share a name)", () => {
    const all = searchElements(raftLedger, "e", 1000);
    expect(new Set(all.map((e) => e.key)).size).toBe(all.length);
  });

  it("the group with the better match is listed first: commands for 'undo', elements for a node's name", () => {
    const best = (query: string) => [scoreActions(ACTIONS, query)[0]?.score, searchElements(raftLedger, query)[0]?.score] as const;
    expect(elementsFirst(...best("undo"))).toBe(false);
    expect(elementsFirst(...best("ledger-2"))).toBe(true);
    expect(elementsFirst(...best(""))).toBe(false);
  });
});
