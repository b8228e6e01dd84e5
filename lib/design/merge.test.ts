import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { materializeLayout } from "./commands";
import { EXAMPLES } from "./examples/index";
import { raftLedger } from "./examples/raft-ledger";
import { describeConflict, fieldLabel, mergeDesigns } from "./merge";
import type { Design } from "./schema";
import { parseDesign } from "./validate";

/** Order-insensitive view of a design: collections keyed, so "the same design" ignores list order. */
function normalized(design: Design): unknown {
  const keyed = (list: readonly object[] | undefined, key: (x: Record<string, unknown>) => string) =>
    list ? Object.fromEntries(list.map((x) => [key(x as Record<string, unknown>), x])) : undefined;
  return JSON.parse(
    JSON.stringify({
      ...design,
      regions: keyed(design.regions, (r) => String(r.id)),
      nodes: keyed(design.nodes, (n) => String(n.id)),
      stores: keyed(design.stores, (s) => String(s.id)),
      operations: keyed(design.operations, (o) => String(o.id)),
      links: keyed(design.links, (l) => [l.a, l.b].sort().join("↔")),
      scenarios: keyed(design.scenarios, (s) => String(s.name)),
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// Edits as data, applied to any example: each touches exactly one element (or section).

type Edit =
  | { kind: "node-name"; i: number; name: string }
  | { kind: "node-kind"; i: number }
  | { kind: "store-replication"; i: number }
  | { kind: "store-quorum"; i: number; w: number }
  | { kind: "op-slo"; i: number; slo: number }
  | { kind: "op-delete"; i: number }
  | { kind: "node-add"; name: string }
  | { kind: "design-name"; name: string }
  | { kind: "context-slo"; slo: number }
  | { kind: "move"; i: number; dx: number };

const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant("node-name" as const), i: fc.nat(20), name: fc.string({ minLength: 1, maxLength: 12 }) }),
  fc.record({ kind: fc.constant("node-kind" as const), i: fc.nat(20) }),
  fc.record({ kind: fc.constant("store-replication" as const), i: fc.nat(5) }),
  fc.record({ kind: fc.constant("store-quorum" as const), i: fc.nat(5), w: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ kind: fc.constant("op-slo" as const), i: fc.nat(10), slo: fc.integer({ min: 1, max: 999 }) }),
  fc.record({ kind: fc.constant("op-delete" as const), i: fc.nat(10) }),
  fc.record({ kind: fc.constant("node-add" as const), name: fc.string({ minLength: 1, maxLength: 12 }) }),
  fc.record({ kind: fc.constant("design-name" as const), name: fc.string({ minLength: 1, maxLength: 12 }) }),
  fc.record({ kind: fc.constant("context-slo" as const), slo: fc.integer({ min: 1, max: 999 }) }),
  fc.record({ kind: fc.constant("move" as const), i: fc.nat(20), dx: fc.integer({ min: 1, max: 50 }) }),
);

const at = <T,>(list: readonly T[] | undefined, i: number): T | undefined => (list && list.length ? list[i % list.length] : undefined);

/**
 * Applies an edit; returns the design and the element it touched (section/key), or null when it
 * did nothing. Indices pick elements of `ref` (the base), so an edit means the same element
 * whichever design it is applied to.
 */
function apply(design: Design, edit: Edit, tag: string, ref: Design = design): { design: Design; touched: string } | null {
  const nodes = design.nodes ?? [];
  const stores = design.stores ?? [];
  const ops = design.operations ?? [];
  const pick = <T extends { id: string }>(list: readonly T[], refList: readonly T[] | undefined, i: number) => {
    const wanted = at(refList, i);
    return wanted ? list.find((x) => x.id === wanted.id) : undefined;
  };
  switch (edit.kind) {
    case "node-name":
    case "node-kind": {
      const node = pick(nodes, ref.nodes, edit.i);
      if (!node) return null;
      const patch = edit.kind === "node-name" ? { name: `${edit.name} ${tag}` } : { kind: node.kind === "cache" ? "service" : "cache" };
      return { design: { ...design, nodes: nodes.map((n) => (n.id === node.id ? { ...n, ...patch } : n)) }, touched: `nodes/${node.id}` };
    }
    case "store-replication":
    case "store-quorum": {
      const store = pick(stores, ref.stores, edit.i);
      if (!store) return null;
      const patch =
        edit.kind === "store-replication"
          ? { replication: store.replication === "consensus" ? ("primary-async" as const) : ("consensus" as const) }
          : { writeQuorum: edit.w + (tag === "T" ? 10 : 20) };
      return { design: { ...design, stores: stores.map((s) => (s.id === store.id ? ({ ...s, ...patch } as typeof s) : s)) }, touched: `stores/${store.id}` };
    }
    case "op-slo": {
      const op = pick(ops, ref.operations, edit.i);
      if (!op) return null;
      return { design: { ...design, operations: ops.map((o) => (o.id === op.id ? { ...o, latencySloMs: edit.slo + (tag === "T" ? 0.25 : 0.5) } : o)) }, touched: `operations/${op.id}` };
    }
    case "op-delete": {
      const op = pick(ops, ref.operations, edit.i);
      if (!op) return null;
      return { design: { ...design, operations: ops.filter((o) => o.id !== op.id) }, touched: `operations/${op.id}` };
    }
    case "node-add": {
      const region = design.regions?.[0];
      if (!region) return null;
      const id = `added-${tag}`;
      const layout = design.layout ? { ...design.layout, nodes: { ...design.layout.nodes, [id]: { x: 0, y: 500 } } } : undefined;
      return { design: { ...design, nodes: [...nodes, { id, name: edit.name, kind: "service", region: region.id }], ...(layout ? { layout } : {}) }, touched: `nodes/${id}` };
    }
    case "design-name":
      return { design: { ...design, name: `${edit.name} ${tag}` }, touched: "design/name" };
    case "context-slo":
      return { design: { ...design, context: { ...design.context, availabilityTarget: 0.9 + (edit.slo % 50) / 1000 + (tag === "T" ? 0.0001 : 0.0002) } }, touched: "context" };
    case "move": {
      const laid = materializeLayout(design);
      const node = pick(laid.nodes ?? [], ref.nodes, edit.i);
      const pos = node && laid.layout?.nodes?.[node.id];
      if (!node || !pos) return null;
      return { design: { ...laid, layout: { ...laid.layout, nodes: { ...laid.layout!.nodes, [node.id]: { x: pos.x + edit.dx, y: pos.y } } } }, touched: `layout/${node.id}` };
    }
  }
}

function applyAll(design: Design, edits: readonly Edit[], tag: string, ref: Design = design): { design: Design; touched: Set<string> } {
  const touched = new Set<string>();
  let next = design;
  for (const edit of edits) {
    const result = apply(next, edit, tag, ref);
    if (result) {
      next = result.design;
      touched.add(result.touched);
    }
  }
  return { design: next, touched };
}

const baseArb = fc.constantFrom(...EXAMPLES.map((e) => materializeLayout(e.design)));

describe("mergeDesigns: properties", () => {
  it("merge(base, x, base) = x and merge(base, base, y) = y, with no conflicts", () => {
    fc.assert(
      fc.property(baseArb, fc.array(editArb, { maxLength: 6 }), (base, edits) => {
        const x = applyAll(base, edits, "T").design;
        const theirsOnly = mergeDesigns(base, x, base);
        expect(theirsOnly.conflicts).toEqual([]);
        expect(normalized(theirsOnly.design)).toEqual(normalized(x));
        const mineOnly = mergeDesigns(base, base, x);
        expect(mineOnly.conflicts).toEqual([]);
        expect(normalized(mineOnly.design)).toEqual(normalized(x));
        expect(normalized(mergeDesigns(base, x, x).design)).toEqual(normalized(x)); // the same edit on both sides
      }),
      { numRuns: 200 },
    );
  });

  it("edits to different elements both survive, with no conflicts", () => {
    fc.assert(
      fc.property(baseArb, fc.array(editArb, { maxLength: 4 }), fc.array(editArb, { maxLength: 4 }), (base, theirEdits, myEdits) => {
        const theirs = applyAll(base, theirEdits, "T");
        const mine = applyAll(base, myEdits, "M");
        const overlap = [...theirs.touched].some((k) => mine.touched.has(k));
        fc.pre(!overlap);
        const merged = mergeDesigns(base, theirs.design, mine.design);
        expect(merged.conflicts).toEqual([]);
        // Each side's edits, applied in turn to the other's result, give the merge.
        expect(normalized(merged.design)).toEqual(normalized(applyAll(theirs.design, myEdits, "M", base).design));
      }),
      { numRuns: 300 },
    );
  });

  it("conflicting edits are reported, and `prefer` picks the side", () => {
    fc.assert(
      fc.property(baseArb, editArb, (base, edit) => {
        const theirs = apply(base, edit, "T");
        const mine = apply(base, edit, "M");
        fc.pre(theirs !== null && mine !== null && JSON.stringify(theirs.design) !== JSON.stringify(mine.design) && !theirs.touched.startsWith("layout") && edit.kind !== "node-add");
        const keepMine = mergeDesigns(base, theirs!.design, mine!.design);
        expect(keepMine.conflicts.length).toBeGreaterThan(0);
        expect(normalized(keepMine.design)).toEqual(normalized(mine!.design));
        const takeTheirs = mergeDesigns(base, theirs!.design, mine!.design, { prefer: "theirs" });
        expect(normalized(takeTheirs.design)).toEqual(normalized(theirs!.design));
      }),
      { numRuns: 200 },
    );
  });
});

describe("mergeDesigns: cases", () => {
  const base = materializeLayout(raftLedger);
  const withNode = (d: Design, id: string, patch: object): Design => ({ ...d, nodes: d.nodes!.map((n) => (n.id === id ? { ...n, ...patch } : n)) });
  const withStore = (d: Design, id: string, patch: object): Design => ({ ...d, stores: d.stores!.map((s) => (s.id === id ? { ...s, ...patch } : s)) });

  it("one side renames a node, the other changes a store's replication: both kept", () => {
    const theirs = withStore(base, "ledger", { electionTimeoutMs: 5000 });
    const mine = withNode(base, "ledger-1", { name: "Ledger primary" });
    const { design, conflicts } = mergeDesigns(base, theirs, mine);
    expect(conflicts).toEqual([]);
    expect(design.nodes!.find((n) => n.id === "ledger-1")!.name).toBe("Ledger primary");
    expect(design.stores![0].electionTimeoutMs).toBe(5000);
    expect(parseDesign(design).ok).toBe(true);
  });

  it("two fields of one element edited on different sides merge field by field", () => {
    const theirs = withNode(base, "ledger-1", { kind: "cache" });
    const mine = withNode(base, "ledger-1", { name: "Ledger primary" });
    const { design, conflicts } = mergeDesigns(base, theirs, mine);
    expect(conflicts).toEqual([]);
    expect(design.nodes!.find((n) => n.id === "ledger-1")).toMatchObject({ kind: "cache", name: "Ledger primary" });
  });

  it("the same field edited on both sides is a conflict named by the element's name and field", () => {
    const theirs = withNode(base, "ledger-1", { name: "Theirs" });
    const mine = withNode(base, "ledger-1", { name: "Mine" });
    const { design, conflicts } = mergeDesigns(base, theirs, mine);
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ section: "nodes", key: "ledger-1", element: "Mine", field: "name", base: "ledger-1", theirs: "Theirs", mine: "Mine" });
    expect(describeConflict(conflicts[0])).toBe("Node “Mine”: name");
    expect(design.nodes!.find((n) => n.id === "ledger-1")!.name).toBe("Mine");
    const storeConflict = mergeDesigns(base, withStore(base, "ledger", { replication: "primary-async" }), withStore(base, "ledger", { replication: "primary-sync" })).conflicts;
    expect(storeConflict.map(describeConflict)).toEqual([`Store “${base.stores![0].name}”: replication`]);
  });

  it("replica lists merge as sets: a replica added on each side gives both", () => {
    const store = base.stores![0];
    const theirs = { ...base, nodes: [...base.nodes!, { id: "ledger-4", name: "ledger-4", kind: "database", region: "use1", zone: "b" }] };
    const theirs2 = withStore(theirs, "ledger", { replicas: [...store.replicas, "ledger-4"] });
    const mine = { ...base, nodes: [...base.nodes!, { id: "ledger-5", name: "ledger-5", kind: "database", region: "euw1", zone: "b" }] };
    const mine2 = withStore(mine, "ledger", { replicas: [...store.replicas, "ledger-5"] });
    const { design, conflicts } = mergeDesigns(base, theirs2, mine2);
    expect(conflicts).toEqual([]);
    expect(design.stores![0].replicas).toEqual([...store.replicas, "ledger-5", "ledger-4"]);
    expect(design.nodes!.map((n) => n.id)).toEqual([...base.nodes!.map((n) => n.id), "ledger-5", "ledger-4"]);
  });

  it("deleted on one side, edited on the other: a conflict; deleted and untouched: deleted", () => {
    const without = { ...base, operations: base.operations!.filter((o) => o.id !== "statement") };
    const edited = { ...base, operations: base.operations!.map((o) => (o.id === "statement" ? { ...o, latencySloMs: 70 } : o)) };
    const a = mergeDesigns(base, without, edited);
    expect(a.conflicts.map(describeConflict)).toEqual(["Operation “Monthly statement”: deleted there, edited here"]);
    expect(a.design.operations!.some((o) => o.id === "statement")).toBe(true);
    const b = mergeDesigns(base, edited, without);
    expect(b.conflicts.map(describeConflict)).toEqual(["Operation “Monthly statement”: deleted here, edited there"]);
    expect(b.design.operations!.some((o) => o.id === "statement")).toBe(false);
    expect(mergeDesigns(base, without, withNode(base, "ledger-1", { name: "x" })).design.operations!.some((o) => o.id === "statement")).toBe(false);
  });

  it("layout never conflicts: both moving one node keeps the preferred position silently", () => {
    const move = (d: Design, x: number): Design => ({ ...d, layout: { ...d.layout, nodes: { ...d.layout!.nodes, "ledger-1": { x, y: 0 } } } });
    const { design, conflicts } = mergeDesigns(base, move(base, 10), move(base, 20));
    expect(conflicts).toEqual([]);
    expect(design.layout!.nodes!["ledger-1"]).toEqual({ x: 20, y: 0 });
  });

  it("a latency link is named by its regions' names", () => {
    const rtt = (d: Design, ms: number): Design => ({ ...d, links: d.links!.map((l, i) => (i === 0 ? { ...l, rttMs: ms } : l)) });
    expect(mergeDesigns(base, rtt(base, 80), rtt(base, 90)).conflicts.map(describeConflict)).toEqual(["Latency link “us-east-1 ↔ eu-west-1”: round-trip time"]);
  });

  it("fields read as words", () => {
    expect(fieldLabel("electionTimeoutMs")).toBe("election timeout (ms)");
    expect(fieldLabel("sharding.partitionKey")).toBe("sharding › partition key");
    expect(fieldLabel("replication")).toBe("replication");
  });

  it("the design's name and its context conflict by section", () => {
    const a = mergeDesigns(base, { ...base, name: "A" }, { ...base, name: "B" });
    expect(a.conflicts.map(describeConflict)).toEqual(["Design: name"]);
    const c = mergeDesigns(base, { ...base, context: { ...base.context, availabilityTarget: 0.99 } }, { ...base, context: { ...base.context, availabilityTarget: 0.999 } });
    expect(c.conflicts.map(describeConflict)).toEqual(["System context: availability target"]);
  });
});
