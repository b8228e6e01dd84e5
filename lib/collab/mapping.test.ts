import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { addNode, addRegion, deleteElements, renameDesign, setNodePosition, updateNode } from "../design/commands";
import { EXAMPLES } from "../design/examples/index";
import type { Design } from "../design/schema";
import { addOperation, deleteStore, makeStore, toggleReplica, updateContext, updateOperation, updateStore } from "../design/store-commands";
import { parseDesign } from "../design/validate";
import { DesignProjector, designToDoc, readDesign, sameJson, writeDesign } from "./mapping";
import { repairDesign } from "./repair";

/** Sends every update of `from` to `to` (as the sync does). */
function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

function replicaOf(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

/** What an editor does: edit its design and write the difference into its replica. */
function edit(doc: Y.Doc, change: (d: Design) => Design): void {
  const before = readDesign(doc);
  const after = change(before);
  doc.transact(() => writeDesign(doc, before, after));
}

const base = EXAMPLES.find((e) => e.slug === "cassandra-two-dc")!.design;

describe("the design as a shared document", () => {
  it("reads back every example exactly as written", () => {
    for (const { slug, design } of EXAMPLES) {
      expect(sameJson(readDesign(designToDoc(design)), design), slug).toBe(true);
    }
  });

  it("keeps both sides of concurrent edits to different fields and elements", () => {
    const a = designToDoc(base);
    const b = replicaOf(a);
    const store = base.stores![0];
    edit(a, (d) => updateStore(d, store.id, { name: "Orders (A)" }));
    edit(b, (d) => updateStore(d, store.id, { readRepair: "blocking" }));
    edit(b, (d) => renameDesign(d, "Renamed by B"));
    edit(a, (d) => addRegion(d, { name: "Asia" }).design);
    edit(b, (d) => addRegion(d, { name: "Europe" }).design);
    sync(a, b);
    const merged = readDesign(a);
    expect(sameJson(merged, readDesign(b))).toBe(true);
    expect(merged.name).toBe("Renamed by B");
    const s = merged.stores!.find((x) => x.id === store.id)!;
    expect([s.name, s.readRepair]).toEqual(["Orders (A)", "blocking"]);
    expect(merged.regions!.map((r) => r.name)).toEqual(expect.arrayContaining(["Asia", "Europe"]));
  });

  it("keeps replicas added to one store by two people at once", () => {
    const a = designToDoc(base);
    const b = replicaOf(a);
    const store = base.stores![0];
    const region = base.regions![0];
    edit(a, (d) => {
      const { id, design } = addNode(d, { kind: "database", region: region.id, name: "Extra A" });
      return toggleReplica(design, store.id, id);
    });
    edit(b, (d) => {
      const { id, design } = addNode(d, { kind: "database", region: region.id, name: "Extra B" });
      return toggleReplica(design, store.id, id);
    });
    sync(a, b);
    const merged = repairDesign(readDesign(a));
    expect(merged.ok).toBe(true);
    if (!merged.ok) return;
    const names = merged.design.nodes!.filter((n) => merged.design.stores![0].replicas.includes(n.id)).map((n) => n.name);
    expect(names).toEqual(expect.arrayContaining(["Extra A", "Extra B"]));
    // Both were "Extra …" nodes with ids derived from their names: no repair needed.
    expect(merged.notes).toEqual([]);
  });

  it("repairs a replica whose node was deleted at the same time, with a note by name", () => {
    const a = designToDoc(base);
    const b = replicaOf(a);
    const region = base.regions![0];
    const store = base.stores![0];
    let added = "";
    edit(a, (d) => {
      const created = addNode(d, { kind: "database", region: region.id, name: "Late replica" });
      added = created.id;
      return created.design;
    });
    sync(a, b);
    edit(a, (d) => toggleReplica(d, store.id, added));
    edit(b, (d) => deleteElements(d, { nodes: [added] }));
    sync(a, b);
    const raw = readDesign(a);
    expect(raw.stores![0].replicas).toContain(added);
    expect(parseDesign(raw).ok).toBe(false);
    const repaired = repairDesign(raw);
    expect(repaired.ok).toBe(true);
    if (!repaired.ok) return;
    expect(repaired.design.stores![0].replicas).not.toContain(added);
    expect(repaired.notes.join(" ")).toContain(`Store “${store.name}” lost replica`);
  });

  it("renames one of two elements added under the same id", () => {
    const a = designToDoc(base);
    const b = replicaOf(a);
    const region = base.regions![0];
    edit(a, (d) => addNode(d, { kind: "cache", region: region.id, name: "Cache" }).design);
    edit(b, (d) => addNode(d, { kind: "cache", region: region.id, name: "Cache" }).design);
    sync(a, b);
    const repaired = repairDesign(readDesign(b));
    expect(repaired.ok).toBe(true);
    if (!repaired.ok) return;
    const caches = repaired.design.nodes!.filter((n) => n.name === "Cache");
    expect(caches).toHaveLength(2);
    expect(new Set(caches.map((n) => n.id)).size).toBe(2);
    expect(repaired.notes[0]).toMatch(/added by two people at once/);
  });

  it("reuses the objects of elements no edit touched", () => {
    const doc = designToDoc(base);
    const projector = new DesignProjector(doc);
    const first = projector.read();
    edit(doc, (d) => updateNode(d, d.nodes![0].id, { name: "Renamed" }));
    const second = projector.read();
    expect(second.nodes![0]).not.toBe(first.nodes![0]);
    expect(second.nodes![1]).toBe(first.nodes![1]);
    expect(second.stores).toBe(first.stores);
    expect(second.operations).toBe(first.operations);
    projector.destroy();
  });

  it("refuses shapes no merge makes (the update is hostile, not concurrent)", () => {
    const doc = designToDoc(base);
    doc.getArray<Y.Map<unknown>>("nodes").get(0).set("availability", "very high");
    const result = repairDesign(readDesign(doc));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0].path).toBe("nodes[0].availability");
  });
});

/** One editor's edit, chosen by index so that it applies to whatever the design holds then. */
type Step = { kind: number; pick: number; text: string };
const step = fc.record({ kind: fc.integer({ min: 0, max: 11 }), pick: fc.nat(), text: fc.constantFrom("A", "B", "Orders", "Cache", "x") });

function apply(design: Design, { kind, pick, text }: Step): Design {
  const regions = design.regions ?? [];
  const nodes = design.nodes ?? [];
  const stores = design.stores ?? [];
  const ops = design.operations ?? [];
  const at = <T,>(list: readonly T[]) => (list.length ? list[pick % list.length] : undefined);
  try {
    switch (kind) {
      case 0: {
        const r = at(regions);
        return r ? addNode(design, { kind: "database", region: r.id, name: text }).design : design;
      }
      case 1: {
        const n = at(nodes);
        return n ? deleteElements(design, { nodes: [n.id] }) : design;
      }
      case 2: {
        const s = at(stores);
        const n = at(nodes);
        return s && n ? toggleReplica(design, s.id, n.id) : design;
      }
      case 3: {
        const s = at(stores);
        return s ? updateStore(design, s.id, { writeQuorum: 1 + (pick % 4) }) : design;
      }
      case 4: {
        const s = at(stores);
        return s ? deleteStore(design, s.id) : design;
      }
      case 5: {
        const s = at(stores);
        return s ? addOperation(design, { store: s.id, name: text }).design : design;
      }
      case 6: {
        const n = at(nodes);
        return n ? setNodePosition(design, n.id, { x: (pick % 50) * 10, y: 40 }) : design;
      }
      case 7: {
        const o = at(ops);
        return o ? updateOperation(design, o.id, { consistency: pick % 2 ? "linearizable" : "eventual" }) : design;
      }
      case 8: {
        const r = at(regions);
        return r && regions.length > 1 ? deleteElements(design, { regions: [r.id] }) : design;
      }
      case 9: {
        const picked = nodes.filter((_, i) => (pick >> i) & 1).map((n) => n.id);
        return picked.length ? makeStore(design, picked, { name: text }).design : design;
      }
      case 10:
        return updateContext(design, { purpose: text });
      default: {
        const s = at(stores);
        return s ? updateStore(design, s.id, { replication: pick % 2 ? "consensus" : "leaderless" }) : design;
      }
    }
  } catch {
    return design; // a command that refuses (e.g. the last replica) changes nothing
  }
}

describe("concurrent editing (property)", () => {
  it("two replicas editing at once converge to the same valid document", () => {
    let repairs = 0;
    fc.assert(
      fc.property(fc.constantFrom(...EXAMPLES.filter((e) => (e.design.nodes?.length ?? 0) > 1)), fc.array(step, { maxLength: 6 }), fc.array(step, { maxLength: 6 }), fc.boolean(), (example, stepsA, stepsB, midSync) => {
        const a = designToDoc(example.design);
        const b = replicaOf(a);
        const half = (s: Step[]) => Math.ceil(s.length / 2);
        for (const s of stepsA.slice(0, half(stepsA))) edit(a, (d) => unwrap(repairDesign(d), d, s));
        for (const s of stepsB.slice(0, half(stepsB))) edit(b, (d) => unwrap(repairDesign(d), d, s));
        if (midSync) sync(a, b);
        for (const s of stepsA.slice(half(stepsA))) edit(a, (d) => unwrap(repairDesign(d), d, s));
        for (const s of stepsB.slice(half(stepsB))) edit(b, (d) => unwrap(repairDesign(d), d, s));
        sync(a, b);
        const ra = readDesign(a);
        expect(sameJson(ra, readDesign(b))).toBe(true);
        const repaired = repairDesign(ra);
        expect(repaired.ok ? [] : repaired.problems).toEqual([]);
        if (repaired.ok) expect(parseDesign(repaired.design).ok).toBe(true);
        if (repaired.ok && repaired.changed) repairs++;
      }),
      { numRuns: 150 },
    );
    // The runs do produce merges that need repair (the property is not vacuous).
    expect(repairs).toBeGreaterThan(5);
  }, 60_000);
});

/** An editor edits the document it sees: the repaired one. */
function unwrap(repaired: ReturnType<typeof repairDesign>, raw: Design, s: Step): Design {
  return apply(repaired.ok ? repaired.design : raw, s);
}
