import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { materializeLayout, renameDesign } from "../design/commands";
import { raftLedger } from "../design/examples/raft-ledger";
import type { Design } from "../design/schema";
import { startAutosave, type SaveFailure } from "./autosave";
import { resolveConflict } from "./rebase";
import { createStudioStore } from "./studio-store";

const base = materializeLayout(raftLedger);
const withNode = (d: Design, id: string, patch: object): Design => ({ ...d, nodes: d.nodes!.map((n) => (n.id === id ? { ...n, ...patch } : n)) });
const withStore = (d: Design, id: string, patch: object): Design => ({ ...d, stores: d.stores!.map((s) => (s.id === id ? { ...s, ...patch } : s)) });

/** A server holding version 2 = `theirs`, saved elsewhere on top of version 1 = `base`. */
function setup(theirs: Design) {
  const server = { version: 2, document: theirs };
  const save = vi.fn(async (_id: string, baseVersion: number, design: Design, _renames: unknown, _newVersion?: boolean) => {
    if (baseVersion !== server.version) throw { status: 409, message: "changed elsewhere", details: { currentVersion: server.version } } satisfies SaveFailure;
    server.version += 1;
    server.document = design;
    return { version: server.version };
  });
  const store = createStudioStore({ designId: "d1", design: base, version: 1 });
  startAutosave(store, save, { debounceMs: 500, fetchLatest: async () => ({ version: server.version, document: server.document }) });
  return { store, save, server };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("a 409 merges instead of throwing edits away (issue 13)", () => {
  it("a clean merge is saved on top of the other version at once, with a toast; undo gives mine without theirs", async () => {
    const { store, save, server } = setup(withStore(base, "ledger", { electionTimeoutMs: 5000 }));
    store.getState().edit((d) => withNode(d, "ledger-1", { name: "Ledger primary" }));
    await vi.runAllTimersAsync();
    expect(save).toHaveBeenCalledTimes(2); // refused, then saved on top of version 2…
    expect(save.mock.calls[1][4]).toBe(true); // …as a new version: theirs stays one in History
    expect(server.version).toBe(3);
    expect(server.document.nodes!.find((n) => n.id === "ledger-1")!.name).toBe("Ledger primary");
    expect(server.document.stores![0].electionTimeoutMs).toBe(5000);
    expect(store.getState()).toMatchObject({ baseVersion: 3, save: { status: "saved" } });
    expect(store.getState().savedDesign).toBe(store.getState().design);
    expect(store.getState().toast?.text).toBe("Merged with version 2 saved elsewhere: 1 store changed; your edits are kept");
    store.getState().undo();
    expect(store.getState().design.stores![0].electionTimeoutMs).toBe(2500);
  });

  it("conflicting fields stop saving and are listed by element name; 'Keep mine' saves mine next, undo shows theirs", async () => {
    const { store, save, server } = setup(withNode(base, "ledger-1", { name: "Theirs" }));
    store.getState().edit((d) => withStore(withNode(d, "ledger-1", { name: "Mine" }), "ledger", { electionTimeoutMs: 4000 }));
    await vi.runAllTimersAsync();
    expect(save).toHaveBeenCalledTimes(1);
    expect(store.getState().save).toMatchObject({ status: "conflict", serverVersion: 2, conflicts: ["Node “Mine”: name"] });
    resolveConflict(store, "mine");
    await vi.runAllTimersAsync();
    expect(server.version).toBe(3);
    expect(save.mock.calls[1][4]).toBe(true);
    expect(server.document.nodes!.find((n) => n.id === "ledger-1")!.name).toBe("Mine");
    expect(server.document.stores![0].electionTimeoutMs).toBe(4000);
    store.getState().undo();
    expect(store.getState().design.nodes!.find((n) => n.id === "ledger-1")!.name).toBe("Theirs");
    expect(store.getState().design.stores![0].electionTimeoutMs).toBe(4000); // my other edit stays
  });

  it("'Take theirs' takes their value for the conflicting field and keeps my other edits; undo brings mine back", async () => {
    const { store, server } = setup(withNode(base, "ledger-1", { name: "Theirs" }));
    store.getState().edit((d) => withStore(withNode(d, "ledger-1", { name: "Mine" }), "ledger", { electionTimeoutMs: 4000 }));
    await vi.runAllTimersAsync();
    resolveConflict(store, "theirs");
    await vi.runAllTimersAsync();
    expect(server.document.nodes!.find((n) => n.id === "ledger-1")!.name).toBe("Theirs");
    expect(server.document.stores![0].electionTimeoutMs).toBe(4000);
    store.getState().undo();
    expect(store.getState().design.nodes!.find((n) => n.id === "ledger-1")!.name).toBe("Mine");
  });

  it("a version taken from the server as it is (a restore) is not saved again", async () => {
    const { store, save, server } = setup(base);
    const restored = withNode(base, "ledger-1", { name: "restored" });
    Object.assign(server, { version: 3, document: restored }); // the restore made version 3
    store.getState().loadSaved(restored, 3);
    await vi.runAllTimersAsync();
    expect(save).not.toHaveBeenCalled();
    expect(store.getState()).toMatchObject({ baseVersion: 3, save: { status: "saved" } });
    store.getState().edit((d) => withNode(d, "ledger-2", { name: "after" }));
    await vi.runAllTimersAsync();
    expect(save).toHaveBeenCalledTimes(1);
    expect(save.mock.calls[0][1]).toBe(3);
  });

  it("without a way to fetch the other version, the banner falls back to keep/reload", async () => {
    const save = vi.fn(async () => {
      throw { status: 409, message: "changed elsewhere", details: { currentVersion: 7 } } satisfies SaveFailure;
    });
    const store = createStudioStore({ designId: "d1", design: base, version: 1 });
    startAutosave(store, save, { debounceMs: 500, fetchLatest: async () => Promise.reject(new Error("offline")) });
    store.getState().edit((d) => renameDesign(d, "B"));
    await vi.runAllTimersAsync();
    expect(store.getState().save).toMatchObject({ status: "conflict", serverVersion: 7 });
    expect(store.getState().save.theirs).toBeUndefined();
  });
});
