import { afterEach, describe, expect, it, vi } from "vitest";
import { analyze } from "../analysis/index";
import { deleteElements, renameDesign, setNodePosition, updateNode } from "../design/commands";
import { raftLedger } from "../design/examples/raft-ledger";
import { setLeader } from "../design/store-commands";
import { createTVisibilityRunner, planTVisibility } from "../client/t-visibility";
import { createStudioStore } from "./studio-store";

const make = () => {
  const analyzer = vi.fn(analyze);
  const store = createStudioStore({ designId: "d", design: raftLedger, version: 1 }, analyzer);
  return { store, analyzer };
};

describe("studio store", () => {
  it("analyses on start and after every semantic edit, not after layout-only edits", () => {
    const { store, analyzer } = make();
    expect(store.getState().analysis?.verdict).toBe("SOUND");
    expect(analyzer).toHaveBeenCalledTimes(1);
    store.getState().edit((d) => setNodePosition(d, "ledger-1", { x: 30, y: 100 }));
    expect(analyzer).toHaveBeenCalledTimes(1);
    store.getState().edit((d) => setLeader(d, "ledger", "ledger-3"));
    expect(analyzer).toHaveBeenCalledTimes(2);
    expect(store.getState().analysis?.operations.find((o) => o.id === "transfer")?.latencyMs).toBe(215 + 160);
  });

  it("keeps the analysis and the canvas's nodes as they are when only the design's name changes", () => {
    const { store, analyzer } = make();
    const { analysis, flowNodes } = store.getState();
    store.getState().edit((d) => renameDesign(d, "Renamed"));
    expect(store.getState().design.name).toBe("Renamed");
    expect(analyzer).toHaveBeenCalledTimes(1);
    expect(store.getState().analysis).toBe(analysis);
    expect(store.getState().flowNodes).toBe(flowNodes);
    // A node's rename is re-analysed (findings name elements); its card reads the name from the design.
    store.getState().edit((d) => updateNode(d, "ledger-1", { name: "Ledger one" }));
    expect(analyzer).toHaveBeenCalledTimes(2);
    expect(store.getState().flowNodes).toBe(flowNodes);
    // Moving it changes its flow node.
    store.getState().edit((d) => setNodePosition(d, "ledger-1", { x: 40, y: 100 }));
    expect(store.getState().flowNodes.filter((n, i) => n !== flowNodes[i]).map((n) => n.id)).toContain("node:ledger-1");
  });

  it("undo and redo walk the history and re-analyse", () => {
    const { store } = make();
    store.getState().edit((d) => deleteElements(d, { nodes: ["ledger-1"] }));
    expect(store.getState().design.nodes?.some((n) => n.id === "ledger-1")).toBe(false);
    expect(store.getState().analysis?.stores[0].n).toBe(2);
    store.getState().undo();
    expect(store.getState().design).toBe(raftLedger);
    expect(store.getState().analysis?.stores[0].n).toBe(3);
    store.getState().redo();
    expect(store.getState().design.nodes?.some((n) => n.id === "ledger-1")).toBe(false);
    // a new edit clears the redo stack
    store.getState().undo();
    store.getState().edit((d) => renameDesign(d, "x"));
    expect(store.getState().future).toEqual([]);
  });

  it("coalesces rapid edits of one field into one undo step", () => {
    const { store } = make();
    for (const name of ["l", "le", "led"]) store.getState().edit((d) => updateNode(d, "ledger-1", { name }), { coalesce: "ledger-1:name" });
    expect(store.getState().past).toHaveLength(1);
    store.getState().undo();
    expect(store.getState().design.nodes?.find((n) => n.id === "ledger-1")?.name).toBe("ledger-1");
  });

  it("one gesture (a focus of a name field) is one undo step, however slowly it is typed (issue 13)", () => {
    vi.useFakeTimers();
    try {
      const { store } = make();
      for (const name of ["X", "XY", "XYZ"]) {
        store.getState().edit((d) => updateNode(d, "ledger-1", { name }), { gesture: "focus-1" });
        vi.advanceTimersByTime(5000);
      }
      expect(store.getState().past).toHaveLength(1);
      store.getState().edit((d) => updateNode(d, "ledger-1", { name: "XYZW" }), { gesture: "focus-2" }); // the next focus
      expect(store.getState().past).toHaveLength(2);
      store.getState().undo();
      store.getState().undo();
      expect(store.getState().design.nodes?.find((n) => n.id === "ledger-1")?.name).toBe("ledger-1");
    } finally {
      vi.useRealTimers();
    }
  });

  it("the simulator follows the design and never touches it", () => {
    const { store } = make();
    store.getState().setMode("simulate");
    store.getState().setScenario(() => ({ failRegions: ["euw1", "apse1"] }));
    expect(store.getState().simulation?.counts).toEqual({ available: 1, unavailable: 2, diverging: 0 });
    expect(store.getState().design).toBe(raftLedger);
    store.getState().setMode("design");
    expect(store.getState().simulation).toBeNull();
  });

  describe("PBS t-visibility", () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    it("arrives after the analysis and is merged into it; edits that do not change it keep it at once", async () => {
      vi.useFakeTimers();
      const reads = planTVisibility(raftLedger, 500).flatMap((t) => t.ops);
      expect(reads.length).toBeGreaterThan(0);
      const store = createStudioStore({ designId: "d", design: raftLedger, version: 1 }, analyze, createTVisibilityRunner({ trials: 500, createWorker: () => null }));
      const read = () => store.getState().analysis?.operations.find((o) => o.id === reads[0]);
      expect(store.getState().analysis?.verdict).toBeDefined();
      expect(read()?.tVisibility).toBeNull();
      expect(store.getState().pbs.pending).toEqual(reads);
      await vi.runAllTimersAsync();
      expect(read()?.tVisibility?.trials).toBe(500);
      expect(read()?.explain.tVisibility.text).toContain("P(fresh)");
      expect(store.getState().pbs.pending).toEqual([]);
      expect(store.getState().pbs.computeMs).not.toBeNull();
      // A node rename re-analyses; the Monte Carlo's inputs did not change, so the figure stays.
      store.getState().edit((d) => updateNode(d, "ledger-1", { name: "Renamed" }));
      expect(store.getState().analyzed?.nodes?.find((n) => n.id === "ledger-1")?.name).toBe("Renamed");
      expect(read()?.tVisibility?.trials).toBe(500);
      expect(store.getState().pbs.pending).toEqual([]);
    });
  });
});
