import { describe, expect, it } from "vitest";
import { analyze } from "../analysis/index";
import { renameDesign, updateNode } from "../design/commands";
import { raftLedger } from "../design/examples/raft-ledger";
import { badgesOf } from "./badges";

describe("canvas badges", () => {
  it("keep each node's badge object while it is equal, so a card re-renders only when its own badge changes", () => {
    const before = badgesOf(raftLedger, analyze(raftLedger));
    const renamed = renameDesign(raftLedger, "Renamed");
    const after = badgesOf(renamed, analyze(renamed));
    expect(after.nodes.get("ledger-1")).toBe(before.nodes.get("ledger-1"));
    expect(after.stores).toBe(before.stores);
    const storeRenamed = { ...raftLedger, stores: raftLedger.stores?.map((s) => (s.id === "ledger" ? { ...s, name: "Ledger DB" } : s)) };
    const changed = badgesOf(storeRenamed, analyze(storeRenamed));
    expect(changed.nodes.get("ledger-1")).not.toBe(before.nodes.get("ledger-1"));
    expect(changed.nodes.get("ledger-1")?.stores.map((s) => s.name)).toContain("Ledger DB");
    expect(badgesOf(updateNode(storeRenamed, "ledger-2", { name: "x" }), null).nodes.get("ledger-1")?.status).toBe("none");
  });
});
