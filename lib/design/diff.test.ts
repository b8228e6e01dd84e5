import { describe, expect, it } from "vitest";
import { diffDesigns, summarizeChanges } from "./diff";
import { raftLedger } from "./examples/raft-ledger";
import type { Design } from "./schema";

describe("diffDesigns / summarizeChanges", () => {
  it("says so when nothing changed, even with keys in another order", () => {
    const reverseKeys = (value: unknown): unknown =>
      Array.isArray(value) ? value.map(reverseKeys) : value && typeof value === "object" ? Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reverseKeys(v)])) : value;
    const reordered = reverseKeys(raftLedger) as Design;
    expect(summarizeChanges(diffDesigns(raftLedger, { ...raftLedger }))).toBe("No changes");
    expect(summarizeChanges(diffDesigns(raftLedger, reordered))).toBe("No changes");
  });

  it("names added, removed and changed elements per collection, matched by id", () => {
    const after: Design = {
      ...raftLedger,
      nodes: [...raftLedger.nodes!.filter((n) => n.id !== "api-euw1"), { id: "n9", name: "extra", kind: "cache", region: "use1" }, { id: "n10", name: "x", kind: "cache", region: "use1" }],
      stores: raftLedger.stores!.map((s) => ({ ...s, leader: "ledger-2" })),
      operations: raftLedger.operations!.map((o) => (o.id === "balance" ? { ...o, latencySloMs: 90 } : o)),
    };
    const changes = diffDesigns(raftLedger, after);
    expect(changes.elements.nodes).toEqual({ added: ["n9", "n10"], removed: ["api-euw1"], changed: [] });
    expect(changes.elements.stores.changed).toEqual(["ledger"]);
    expect(changes.elements.operations.changed).toEqual(["balance"]);
    expect(summarizeChanges(changes)).toBe("+2 nodes, −1 node, 1 store changed, 1 operation changed");
  });

  it("tells a layout-only save apart, and reports renames and context edits", () => {
    const moved: Design = { ...raftLedger, layout: { nodes: { "ledger-1": { x: 10, y: 20 } } } };
    expect(summarizeChanges(diffDesigns(raftLedger, moved))).toBe("layout only");
    const renamed: Design = { ...raftLedger, name: "Ledger v2", context: { ...raftLedger.context, purpose: "new" } };
    expect(summarizeChanges(diffDesigns(raftLedger, renamed))).toBe("renamed to “Ledger v2”, context");
  });

  it("treats a latency link as the same link whichever way round its ends are written", () => {
    const flipped: Design = { ...raftLedger, links: raftLedger.links!.map((l) => ({ a: l.b, b: l.a, rttMs: l.rttMs })) };
    expect(summarizeChanges(diffDesigns(raftLedger, flipped))).toBe("No changes");
    const slower: Design = { ...raftLedger, links: raftLedger.links!.map((l, i) => (i === 0 ? { ...l, rttMs: 90 } : l)) };
    expect(summarizeChanges(diffDesigns(raftLedger, slower))).toBe("1 latency link changed");
  });
});
