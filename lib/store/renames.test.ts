import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { updateNode } from "../design/commands";
import { raftLedger } from "../design/examples/raft-ledger";
import type { IdRename } from "../design/ids";
import type { Design } from "../design/schema";
import { startAutosave } from "./autosave";
import { renameElementId } from "./renames";
import { createStudioStore } from "./studio-store";

function setup() {
  const store = createStudioStore({ designId: "d1", design: raftLedger, version: 1 });
  const save = vi.fn(async (_id: string, base: number, _d: Design, _renames: IdRename[]) => ({ version: base + 1 }));
  startAutosave(store, save, { debounceMs: 100 });
  const lastRenames = () => save.mock.calls.at(-1)?.[3];
  return { store, save, lastRenames };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("id renames sent with a save", () => {
  it("sends the renames since the last save (a region's zones with it), then none", async () => {
    const { store, save, lastRenames } = setup();
    expect(renameElementId(store, "region", "use1", "us-east")).toBe(true);
    await vi.runAllTimersAsync();
    expect(lastRenames()).toEqual([
      { kind: "region", from: "use1", to: "us-east" },
      { kind: "zone", from: "use1/a", to: "us-east/a" },
      { kind: "zone", from: "use1/b", to: "us-east/b" },
    ]);
    store.getState().edit((d) => updateNode(d, "ledger-2", { name: "eu ledger" }));
    await vi.runAllTimersAsync();
    expect(save).toHaveBeenCalledTimes(2);
    expect(lastRenames()).toEqual([]);
  });

  it("composes a chain of renames of one element into one, and sends nothing when undone before saving", async () => {
    const { store, save, lastRenames } = setup();
    renameElementId(store, "node", "ledger-1", "a");
    renameElementId(store, "node", "a", "b");
    await vi.runAllTimersAsync();
    expect(lastRenames()).toEqual([{ kind: "node", from: "ledger-1", to: "b" }]);
    renameElementId(store, "node", "b", "c");
    store.getState().undo();
    await vi.runAllTimersAsync();
    // Back to the saved design: nothing to save.
    expect(save).toHaveBeenCalledTimes(1);
  });

  it("undoing a saved rename sends the way back; redoing it sends it again", async () => {
    const { store, lastRenames } = setup();
    renameElementId(store, "store", "ledger", "accounts");
    await vi.runAllTimersAsync();
    store.getState().undo();
    await vi.runAllTimersAsync();
    expect(lastRenames()).toEqual([{ kind: "store", from: "accounts", to: "ledger" }]);
    store.getState().redo();
    await vi.runAllTimersAsync();
    expect(lastRenames()).toEqual([{ kind: "store", from: "ledger", to: "accounts" }]);
  });

  it("tells a new element that takes a freed id from the renamed one", async () => {
    const { store, lastRenames } = setup();
    renameElementId(store, "operation", "transfer", "post");
    renameElementId(store, "operation", "balance", "transfer");
    await vi.runAllTimersAsync();
    expect(lastRenames()).toEqual([
      { kind: "operation", from: "transfer", to: "post" },
      { kind: "operation", from: "balance", to: "transfer" },
    ]);
  });

  it("keeps the simulator's failures on the renamed elements", () => {
    const { store } = setup();
    store.getState().setMode("simulate");
    store.getState().setScenario(() => ({ failRegions: ["use1"], failZones: ["use1/a"], failNodes: ["ledger-2"], split: [["use1"], ["euw1"]] }));
    renameElementId(store, "region", "use1", "us-east");
    renameElementId(store, "node", "ledger-2", "l2");
    expect(store.getState().scenario).toEqual({ failRegions: ["us-east"], failZones: ["us-east/a"], failNodes: ["l2"], split: [["us-east"], ["euw1"]] });
    expect(store.getState().simulation?.downNodes).toContain("l2");
  });

  it("is one undo step that keeps the element selected, and refuses a taken id with the reason", () => {
    const { store } = setup();
    renameElementId(store, "node", "ledger-1", "l1");
    expect(store.getState().flowNodes.find((n) => n.selected)?.id).toBe("node:l1");
    renameElementId(store, "store", "ledger", "accounts");
    expect(store.getState().focus).toEqual({ type: "store", id: "accounts" });
    store.getState().undo();
    expect(store.getState().design.stores?.[0].id).toBe("ledger");
    store.getState().undo();
    expect(store.getState().design).toBe(raftLedger);
    expect(renameElementId(store, "node", "ledger-1", "ledger-2")).toBe(false);
    expect(store.getState().toast?.text).toBe('“ledger-2” (a node) already has the id "ledger-2"');
  });
});
