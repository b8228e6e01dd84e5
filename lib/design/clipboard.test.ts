import { describe, expect, it } from "vitest";
import { copyNodes, pasteNodes, readClipboard } from "./clipboard";
import { emptyDesign } from "./commands";
import { raftLedger } from "./examples/raft-ledger";
import { resolveLayout } from "./layout";
import { parseDesign } from "./validate";

describe("clipboard", () => {
  it("copies nodes as tagged JSON text and reads them back", () => {
    const text = copyNodes(raftLedger, ["ledger-2", "ghost", "api-euw1"])!;
    const nodes = readClipboard(text)!;
    expect(nodes.map((n) => [n.name, n.kind, n.region, n.zone])).toEqual([
      ["ledger-2", "database", "euw1", "a"],
      ["ledger API", "service", "euw1", "b"],
    ]);
    expect(copyNodes(raftLedger, ["ghost"])).toBeNull();
  });

  it("ignores text that is not Quorum Studio nodes", () => {
    for (const text of ["hello", "{}", '{"format":"quorum-studio/nodes@1","nodes":[]}', '{"format":"quorum-studio/nodes@1","nodes":[{"kind":"two words","name":"x","region":"r"}]}', "[1,2]"]) {
      expect(readClipboard(text), text).toBeNull();
    }
  });

  it("pastes in place as offset copies with fresh ids, names marked as copies", () => {
    const nodes = readClipboard(copyNodes(raftLedger, ["ledger-2"])!)!;
    const { design, ids } = pasteNodes(raftLedger, nodes);
    expect(ids).toHaveLength(1);
    const pasted = design.nodes!.find((n) => n.id === ids[0])!;
    expect(pasted).toMatchObject({ name: "ledger-2 copy", kind: "database", region: "euw1", zone: "a" });
    const layout = resolveLayout(design);
    // Beside the original, not on it: below it in its zone, which grows to hold it.
    expect(layout.nodes[ids[0]].y).toBeGreaterThanOrEqual(layout.nodes["ledger-2"].y + 48);
    expect(layout.nodes[ids[0]].y + 48).toBeLessThanOrEqual(layout.zones["euw1/a"].height);
    expect(parseDesign(design).ok).toBe(true);
  });

  it("pastes into another design: the selected frame, else the same region if it exists, else the first region", () => {
    const nodes = readClipboard(copyNodes(raftLedger, ["ledger-3"])!)!;
    const other = { ...emptyDesign("Other"), regions: [{ id: "x", name: "X", zones: ["z"] }, { id: "apse1", name: "Singapore" }] };
    const own = pasteNodes(other, nodes);
    expect(own.design.nodes![0]).toMatchObject({ region: "apse1", name: "ledger-3" });
    expect(own.design.nodes![0].zone).toBeUndefined(); // apse1 here has no zone "a"
    const targeted = pasteNodes(other, nodes, { region: "x", zone: "z" });
    expect(targeted.design.nodes![0]).toMatchObject({ region: "x", zone: "z" });
    const fallback = pasteNodes({ ...other, regions: [other.regions[0]] }, nodes);
    expect(fallback.design.nodes![0].region).toBe("x");
    expect(() => pasteNodes(emptyDesign("Empty"), nodes)).toThrow(/Add a region first/);
  });
});
