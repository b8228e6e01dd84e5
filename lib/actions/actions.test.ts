import { afterEach, describe, expect, it, vi } from "vitest";
import { raftLedger } from "../design/examples/raft-ledger";
import { updateNode } from "../design/commands";
import { ACTIONS } from "./registry";
import { createTestStudio } from "./test-studio";

const studioOf = (options: Parameters<typeof createTestStudio>[0] = {}) => createTestStudio({ design: raftLedger, ...options });
const nodeCount = (studio: ReturnType<typeof createTestStudio>) => studio.design.nodes?.length ?? 0;

afterEach(() => vi.useRealTimers());

describe("the action registry", () => {
  it("has unique ids, and no two actions share a shortcut", () => {
    const ids = ACTIONS.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    const keys = ACTIONS.flatMap((a) => a.shortcuts ?? []);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe("undo and redo", () => {
  it("Ctrl/⌘ Z undoes, Ctrl/⌘ Shift Z and Ctrl Y redo", () => {
    const studio = studioOf();
    studio.select("ledger-1").keyDown("Delete");
    expect(studio.node("ledger-1")).toBeUndefined();
    expect(studio.keyDown("z", { mod: true }).preventDefault).toBe(true);
    expect(studio.node("ledger-1")).toBeDefined();
    studio.keyDown("Z", { mod: true, shift: true });
    expect(studio.node("ledger-1")).toBeUndefined();
    studio.keyDown("z", { meta: true });
    studio.keyDown("y", { ctrl: true });
    expect(studio.node("ledger-1")).toBeUndefined();
  });

  it("are disabled with nothing to undo or redo, and in a read-only view", () => {
    const studio = studioOf();
    expect(studio.isEnabled("undo")).toBe(false);
    expect(studio.isEnabled("redo")).toBe(false);
    studio.select("ledger-1").run("delete-selected");
    expect(studio.isEnabled("undo")).toBe(true);
    const reviewer = studioOf({ viewer: { kind: "reviewer", token: "t", pinned: null, expiresAt: null } });
    expect(reviewer.isEnabled("undo")).toBe(false);
  });
});

describe("delete", () => {
  it("deletes the selected nodes with Delete or Backspace, in one undo step", () => {
    const studio = studioOf();
    studio.select("ledger-1", "ledger-2").keyDown("Backspace");
    expect(studio.node("ledger-1")).toBeUndefined();
    expect(studio.node("ledger-2")).toBeUndefined();
    // the store lost its replicas too, and one undo brings everything back
    expect(studio.design.stores?.[0].replicas).toEqual(["ledger-3"]);
    studio.undo();
    expect(studio.design).toBe(raftLedger);
  });

  it("deletes a selected region with its nodes", () => {
    const studio = studioOf();
    studio.select("region:apse1").keyDown("Delete");
    expect(studio.design.regions?.map((r) => r.id)).toEqual(["use1", "euw1"]);
    expect(studio.node("ledger-3")).toBeUndefined();
  });

  it("is disabled with nothing selected, in a read-only view and in the simulator; the key is then left to the browser", () => {
    const studio = studioOf();
    expect(studio.isEnabled("delete-selected")).toBe(false);
    expect(studio.keyDown("Delete")).toEqual({ preventDefault: false, blur: false });
    const preview = studioOf({ viewer: { kind: "preview", version: 1, label: null, createdAt: "2026-01-01T00:00:00Z" } });
    preview.select("ledger-1");
    expect(preview.isEnabled("delete-selected")).toBe(false);
    expect(preview.keyDown("Delete").preventDefault).toBe(false);
    expect(preview.node("ledger-1")).toBeDefined();
    studio.select("ledger-1").keyDown("s"); // into the simulator
    expect(studio.state.mode).toBe("simulate");
    expect(studio.keyDown("Delete").action).toBeUndefined();
    expect(studio.node("ledger-1")).toBeDefined();
  });
});

describe("duplicate", () => {
  it("Ctrl/⌘ D copies the selected nodes beside them and selects the copies; again steps further", () => {
    const studio = studioOf();
    const at = studio.position("ledger-1");
    studio.select("ledger-1").keyDown("d", { mod: true });
    const [first] = studio.selectedNodes;
    expect(first).not.toBe("ledger-1");
    expect(studio.node(first)).toMatchObject({ name: "ledger-1 copy", region: "use1", zone: "a", kind: "database" });
    expect(studio.position(first).x).toBe(at.x); // below the original, in its column
    expect(studio.position(first).y).toBeGreaterThanOrEqual(at.y + 48);
    studio.select("ledger-1").keyDown("d", { mod: true }); // the original again: never on top of the first copy
    const [second] = studio.selectedNodes;
    expect(studio.position(second).y).toBeGreaterThanOrEqual(studio.position(first).y + 48);
    expect(nodeCount(studio)).toBe(8);
  });

  it("leaves Ctrl/⌘ D to the browser when no node is selected", () => {
    const studio = studioOf();
    expect(studio.keyDown("d", { mod: true }).preventDefault).toBe(false);
    expect(nodeCount(studio)).toBe(6);
  });
});

describe("nudge", () => {
  it("arrows move the selection 8 px, with Shift 1 px", () => {
    const studio = studioOf();
    const at = studio.position("ledger-1");
    studio.select("ledger-1").keyDown("ArrowRight");
    expect(studio.position("ledger-1")).toEqual({ x: at.x + 8, y: at.y });
    studio.keyDown("ArrowDown", { shift: true });
    expect(studio.position("ledger-1")).toEqual({ x: at.x + 8, y: at.y + 1 });
    studio.keyDown("ArrowLeft");
    studio.keyDown("ArrowUp");
    expect(studio.position("ledger-1")).toEqual({ x: at.x, y: at.y - 7 });
  });

  it("a burst of nudges is one undo step; a pause starts a new one", () => {
    vi.useFakeTimers();
    const studio = studioOf();
    const at = studio.position("ledger-1");
    studio.select("ledger-1");
    for (let i = 0; i < 5; i++) {
      studio.keyDown("ArrowRight");
      vi.advanceTimersByTime(100);
    }
    expect(studio.position("ledger-1")).toEqual({ x: at.x + 40, y: at.y });
    expect(studio.state.past).toHaveLength(1);
    vi.advanceTimersByTime(5000);
    studio.keyDown("ArrowRight");
    expect(studio.state.past).toHaveLength(2);
    studio.undo();
    expect(studio.position("ledger-1")).toEqual({ x: at.x + 40, y: at.y });
    studio.undo();
    expect(studio.position("ledger-1")).toEqual(at);
  });

  it("nudging other nodes, or another edit in between, starts a new undo step", () => {
    const studio = studioOf();
    studio.select("ledger-1").keyDown("ArrowRight");
    studio.select("ledger-2").keyDown("ArrowRight");
    expect(studio.state.past).toHaveLength(2);
    studio.keyDown("d", { mod: true });
    studio.keyDown("ArrowRight");
    expect(studio.state.past).toHaveLength(4);
  });

  it("does nothing (and the page may scroll) with no node selected", () => {
    const studio = studioOf();
    expect(studio.keyDown("ArrowRight").preventDefault).toBe(false);
    expect(studio.state.past).toHaveLength(0);
  });
});

describe("selection", () => {
  it("Ctrl/⌘ A selects every node (not the frames), Esc clears it", () => {
    const studio = studioOf();
    studio.keyDown("a", { mod: true });
    expect(studio.selectedNodes).toHaveLength(6);
    expect(studio.state.flowNodes.filter((n) => n.selected && !n.id.startsWith("node:"))).toEqual([]);
    studio.keyDown("Escape");
    expect(studio.selectedNodes).toEqual([]);
  });

  it("Esc leaves the simulator and clears a focused store", () => {
    const studio = studioOf();
    studio.state.setFocus({ type: "store", id: "ledger" });
    studio.keyDown("s");
    expect(studio.state.mode).toBe("simulate");
    studio.keyDown("Escape");
    expect(studio.state.mode).toBe("design");
    expect(studio.state.focus).toBeNull();
  });
});

describe("typing in a field", () => {
  it("no canvas shortcut fires while typing; Esc leaves the field instead", () => {
    const studio = studioOf();
    studio.select("ledger-1");
    for (const [key, m] of [["Delete", {}], ["Backspace", {}], ["d", { mod: true }], ["z", { mod: true }], ["a", { mod: true }], ["ArrowLeft", {}], ["f", {}], ["s", {}], ["?", { shift: true }]] as const) {
      const outcome = studio.keyDown(key, m, { typing: true });
      expect(outcome, key).toEqual({ preventDefault: false, blur: false });
    }
    expect(studio.design).toBe(raftLedger);
    expect(studio.state.mode).toBe("design");
    expect(studio.calls).toEqual([]);
    expect(studio.keyDown("Escape", {}, { typing: true })).toEqual({ preventDefault: false, blur: true });
    expect(studio.selectedNodes).toEqual(["ledger-1"]); // Esc in a field does not clear the selection
    // in a dialog's field Esc is the dialog's
    expect(studio.keyDown("Escape", {}, { typing: true, inDialog: true }).blur).toBe(false);
  });

  it("the command palette and save-now still open from a field", () => {
    const studio = studioOf();
    expect(studio.keyDown("k", { mod: true }, { typing: true }).preventDefault).toBe(true);
    expect(studio.keyDown("s", { mod: true }, { typing: true }).preventDefault).toBe(true);
    expect(studio.calls).toEqual(["openPalette", "saveNow"]);
  });

  it("nothing runs from inside a dialog (the help dialog open: Delete does not delete behind it)", () => {
    const studio = studioOf();
    studio.select("ledger-1");
    expect(studio.keyDown("Delete", {}, { inDialog: true }).action).toBeUndefined();
    expect(studio.node("ledger-1")).toBeDefined();
  });
});

describe("clipboard", () => {
  it("Ctrl/⌘ C then Ctrl/⌘ V pastes copies into their own zone, selected", () => {
    const studio = studioOf();
    studio.select("ledger-1");
    expect(studio.keyDown("c", { mod: true }).preventDefault).toBe(true);
    expect(studio.toast).toBe("Copied 1 node");
    expect(studio.clipboard).toContain("quorum-studio/nodes@1");
    studio.keyDown("v", { mod: true });
    const [pasted] = studio.selectedNodes;
    expect(studio.node(pasted)).toMatchObject({ name: "ledger-1 copy", region: "use1", zone: "a" });
    studio.undo();
    expect(studio.design).toBe(raftLedger);
  });

  it("Ctrl/⌘ X removes the nodes; paste into a selected zone puts them there", () => {
    const studio = studioOf();
    studio.select("ledger-2").keyDown("x", { mod: true });
    expect(studio.node("ledger-2")).toBeUndefined();
    studio.select("zone:use1/b").keyDown("v", { mod: true });
    const [pasted] = studio.selectedNodes;
    expect(studio.node(pasted)).toMatchObject({ name: "ledger-2", region: "use1", zone: "b" });
  });

  it("a paste of other text is left to the browser; copy with nothing selected too", () => {
    const studio = studioOf();
    studio.clipboard = "hello";
    expect(studio.keyDown("v", { mod: true }).preventDefault).toBe(false);
    expect(studio.keyDown("c", { mod: true }).preventDefault).toBe(false);
    expect(studio.clipboard).toBe("hello");
    expect(studio.design).toBe(raftLedger);
  });

  it("copy and paste from the palette or a menu use the injected clipboard", async () => {
    const studio = studioOf();
    studio.select("api-use1");
    expect(await studio.runAsync("copy")).toBe(true);
    expect(studio.calls).toContain("writeClipboard");
    expect(await studio.runAsync("paste", { target: { type: "region", id: "apse1" } })).toBe(true);
    const [pasted] = studio.selectedNodes;
    expect(studio.node(pasted)).toMatchObject({ name: "ledger API copy", region: "apse1" });
  });
});

describe("view and dialogs", () => {
  it("F and Shift 1 fit the view, ? opens the help, Ctrl/⌘ K the palette, S switches to the simulator and back", () => {
    const studio = studioOf();
    studio.keyDown("f");
    studio.keyDown("!", { shift: true, code: "Digit1" });
    studio.keyDown("?", { shift: true });
    studio.keyDown("k", { mod: true });
    expect(studio.calls).toEqual(["fitView", "fitView", "openHelp", "openPalette"]);
    studio.keyDown("s");
    expect(studio.state.mode).toBe("simulate");
    studio.keyDown("s");
    expect(studio.state.mode).toBe("design");
  });

  it("actions whose UI is missing are disabled (no share dialog in a review)", () => {
    const studio = studioOf({ ui: { openShare: undefined, fitView: undefined } });
    expect(studio.isEnabled("share")).toBe(false);
    expect(studio.isEnabled("fit-view")).toBe(false);
    const reviewer = studioOf({ viewer: { kind: "reviewer", token: "t", pinned: null, expiresAt: null } });
    expect(reviewer.isEnabled("share")).toBe(false);
    expect(reviewer.isEnabled("save-now")).toBe(false);
    expect(reviewer.isEnabled("show-history")).toBe(false);
    expect(reviewer.isEnabled("toggle-simulate")).toBe(true);
    expect(reviewer.isEnabled("copy")).toBe(false); // nothing selected
    reviewer.select("ledger-1");
    expect(reviewer.isEnabled("copy")).toBe(true); // copying out of a review is fine
  });

  it("panel actions switch the bottom tab", () => {
    const studio = studioOf();
    studio.run("show-diagram");
    expect(studio.state.tab).toBe("diagram");
  });
});

describe("adding", () => {
  it("adds a node of each kind into the selected zone, selected, one undo step each", () => {
    const studio = studioOf();
    studio.select("zone:euw1/b");
    expect(studio.run("add-node-cache")).toBe(true);
    const [added] = studio.selectedNodes;
    expect(studio.node(added)).toMatchObject({ kind: "cache", region: "euw1", zone: "b" });
    expect(studio.state.past).toHaveLength(1);
  });

  it("adds a node at a canvas point (the context menu's “add here”), or says why not outside a region", () => {
    const studio = studioOf();
    const layout = studio.state.flowNodes.find((n) => n.id === "region:apse1")!.position;
    expect(studio.run("add-node-lock", { at: { x: layout.x + 150, y: layout.y + 120 } })).toBe(true);
    const [added] = studio.selectedNodes;
    expect(studio.node(added)).toMatchObject({ kind: "lock", region: "apse1" });
    studio.run("add-node-lock", { at: { x: -5000, y: -5000 } });
    expect(studio.toast).toMatch(/inside a region/);
  });

  it("adding is disabled without regions (nodes) and in the simulator (everything)", () => {
    const empty = createTestStudio();
    expect(empty.isEnabled("add-node-database")).toBe(false);
    expect(empty.isEnabled("add-region")).toBe(true);
    empty.run("add-region-3-zones");
    expect(empty.design.regions?.[0].zones).toHaveLength(3);
    expect(empty.calls).toEqual(["fitView"]);
    expect(empty.isEnabled("add-node-database")).toBe(true);
    empty.keyDown("s");
    expect(ACTIONS.filter((a) => a.group === "add").some((a) => empty.isEnabled(a.id))).toBe(false);
  });

  it("makes a store of the selected nodes and focuses it", () => {
    const studio = studioOf();
    expect(studio.isEnabled("make-store")).toBe(false);
    studio.select("api-use1", "api-euw1").run("make-store");
    const focus = studio.state.focus;
    expect(focus?.type).toBe("store");
    expect(studio.design.stores?.find((s) => s.id === focus?.id)?.replicas).toEqual(["api-use1", "api-euw1"]);
  });
});

describe("undo grouping with the store's edit options", () => {
  it("one gesture (a field's focus) is one undo step however slowly typed, and an action between starts a new step", () => {
    vi.useFakeTimers();
    const studio = studioOf();
    for (const name of ["X", "XY", "XYZ"]) {
      studio.state.edit((d) => updateNode(d, "ledger-1", { name }), { gesture: "focus-1" });
      vi.advanceTimersByTime(3000);
    }
    expect(studio.state.past).toHaveLength(1);
    studio.select("ledger-1").keyDown("ArrowRight");
    expect(studio.state.past).toHaveLength(2);
    studio.keyDown("z", { mod: true });
    studio.keyDown("z", { mod: true });
    expect(studio.node("ledger-1")?.name).toBe("ledger-1");
  });
});
