import { describe, expect, it } from "vitest";
import { raftLedger } from "../design/examples/raft-ledger";
import { buildFlowNodes, flowId, parseFlowId } from "./flow";

describe("buildFlowNodes", () => {
  it("draws regions as frames, zones inside them and nodes inside their zone", () => {
    const nodes = buildFlowNodes(raftLedger);
    const ids = nodes.map((n) => n.id);
    expect(ids.slice(0, 3)).toEqual(["region:use1", "zone:use1/a", "zone:use1/b"]);
    const ledger1 = nodes.find((n) => n.id === "node:ledger-1")!;
    expect(ledger1.parentId).toBe("zone:use1/a");
    // parents always come before their children (React Flow requires it)
    for (const n of nodes) if (n.parentId) expect(ids.indexOf(n.parentId)).toBeLessThan(ids.indexOf(n.id));
  });

  it("keeps selection and measurements across rebuilds", () => {
    const first = buildFlowNodes(raftLedger).map((n) => (n.id === "node:ledger-2" ? { ...n, selected: true, measured: { width: 184, height: 56 } } : n));
    const again = buildFlowNodes(raftLedger, first);
    expect(again.find((n) => n.id === "node:ledger-2")).toMatchObject({ selected: true, measured: { width: 184, height: 56 } });
  });

  it("round-trips flow ids, including ids with dots and dashes", () => {
    expect(parseFlowId(flowId.zone("eu-west.1", "a_b"))).toEqual({ type: "zone", region: "eu-west.1", zone: "a_b" });
    expect(parseFlowId(flowId.node("pg.1"))).toEqual({ type: "node", id: "pg.1" });
    expect(parseFlowId("other:x")).toBeUndefined();
  });
});

describe("rebuilds reuse unchanged canvas nodes", () => {
  it("keeps the same objects for elements an edit did not move, and the same array when it moved none", async () => {
    const { setNodePosition, updateNode } = await import("../design/commands");
    const first = buildFlowNodes(raftLedger);
    // A card reads its name from the design: a rename leaves every flow node (and React Flow) alone.
    expect(buildFlowNodes(updateNode(raftLedger, "ledger-2", { name: "renamed" }), first)).toBe(first);
    const moved = setNodePosition(raftLedger, "ledger-2", { x: 40, y: 100 });
    const again = buildFlowNodes(moved, first);
    const byId = (list: typeof first, id: string) => list.find((n) => n.id === id);
    expect(byId(again, "node:ledger-1")).toBe(byId(first, "node:ledger-1"));
    expect(byId(again, "region:use1")).toBe(byId(first, "region:use1"));
    expect(byId(again, "node:ledger-2")).not.toBe(byId(first, "node:ledger-2"));
  });
});
