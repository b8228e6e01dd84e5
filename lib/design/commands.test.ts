import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addNode,
  addRegion,
  addZone,
  deleteElements,
  duplicateNodes,
  isUntouchedNewDesign,
  emptyDesign,
  placeNode,
  renameDesign,
  setNodePosition,
  setRegionFrame,
  updateNode,
  updateRegion,
  DesignCommandError,
  unusedName,
} from "./commands";
import { raftLedger } from "./examples/raft-ledger";
import { NODE_HEIGHT, NODE_WIDTH, parentOf, resolveLayout } from "./layout";
import { pasteNodes, readClipboard, copyNodes } from "./clipboard";
import { threeRegionDesign } from "./testing/three-regions";
import { NODE_KINDS, zoneKey, type Design, type Frame } from "./schema";
import { formatProblem, parseDesign } from "./validate";

function expectValid(design: Design): void {
  const result = parseDesign(design);
  expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([]);
}

describe("building a design", () => {
  it("adds regions with zones, nodes into zones, and keeps the document valid", () => {
    let d = emptyDesign("Checkout");
    const r1 = addRegion(d, { name: "us-east-1", zones: 2 });
    d = r1.design;
    const r2 = addRegion(d);
    d = r2.design;
    expect(d.regions).toEqual([
      { id: "us-east-1", name: "us-east-1", zones: ["a", "b"] },
      { id: "region-1", name: "Region 1" },
    ]);
    const n1 = addNode(d, { kind: "database", region: r1.id, zone: "b" });
    d = n1.design;
    const n2 = addNode(d, { kind: "database", region: r1.id, zone: "b" });
    d = n2.design;
    expect(d.nodes?.map((n) => [n.id, n.name, n.zone])).toEqual([
      ["database-1", "Database 1", "b"],
      ["database-2", "Database 2", "b"],
    ]);
    // the second node goes below the first, not on top of it
    expect(d.layout!.nodes!["database-2"].y).toBeGreaterThanOrEqual(d.layout!.nodes!["database-1"].y + NODE_HEIGHT);
    expectValid(d);
  });

  it("places new regions in a row while the drawing still fits a laptop's canvas at a readable zoom, then starts a row below; none overlap", () => {
    let d = emptyDesign("x");
    for (let i = 0; i < 5; i++) d = addRegion(d, { zones: i % 4 }).design;
    const [a, b, c, e, f] = Object.values(d.layout!.regions!);
    expect([b.y, c.y]).toEqual([a.y, a.y]); // three in the first row (the one with two zones stacks them)
    expect(b.x).toBeGreaterThan(a.x + a.width);
    expect(c.x).toBeGreaterThan(b.x + b.width);
    expect(c.width).toBeLessThan(b.width);
    expect(e.x).toBe(a.x); // a fourth would not read: a new row
    expect(e.y).toBeGreaterThan(Math.max(a.y + a.height, b.y + b.height, c.y + c.height));
    expect(f.y).toBe(e.y);
    const frames = [a, b, c, e, f];
    for (const p of frames) for (const q of frames) if (p !== q) expect(p.x + p.width <= q.x || q.x + q.width <= p.x || p.y + p.height <= q.y || q.y + q.height <= p.y).toBe(true);
  });

  it("regions without zones: two side by side, the third below (a row of three would not read; two rows fit at 100 %)", () => {
    let d = emptyDesign("x");
    for (let i = 0; i < 3; i++) d = addRegion(d).design;
    const [a, b, c] = Object.values(d.layout!.regions!);
    expect(b.y).toBe(a.y);
    expect(c).toMatchObject({ x: a.x, y: a.y + a.height + 48 });
  });

  it("grows the zone and region frames when a node needs room", () => {
    let d = addRegion(emptyDesign("x"), { zones: 1 }).design;
    for (let i = 0; i < 5; i++) d = addNode(d, { kind: "cache", region: "region-1", zone: "a" }).design;
    const zone = d.layout!.zones!["region-1/a"];
    const region = d.layout!.regions!["region-1"];
    const last = d.layout!.nodes!["cache-5"];
    expect(zone.height).toBeGreaterThanOrEqual(last.y + NODE_HEIGHT);
    expect(region.height).toBeGreaterThanOrEqual(zone.y + zone.height);
  });

  it("adds a zone to an existing region and widens it", () => {
    const d0 = addRegion(emptyDesign("x"), { zones: 1 }).design;
    const { design, id } = addZone(d0, "region-1");
    expect(id).toBe("b");
    expect(design.regions![0].zones).toEqual(["a", "b"]);
    const zb = design.layout!.zones!["region-1/b"];
    expect(design.layout!.regions!["region-1"].width).toBeGreaterThanOrEqual(zb.x + zb.width);
  });

  it("moves a node into another region and zone (what a drop does)", () => {
    let d = addRegion(emptyDesign("x"), { zones: 2 }).design;
    d = addRegion(d).design;
    d = addNode(d, { kind: "service", region: "region-2" }).design;
    d = placeNode(d, "service-1", { region: "region-1", zone: "b", position: { x: 30.4, y: 50.6 } });
    expect(d.nodes![0]).toMatchObject({ region: "region-1", zone: "b" });
    // Inside the zone (a one-card-wide zone has room at its padding only), below its header.
    expect(d.layout!.nodes!["service-1"]).toEqual({ x: 14, y: 51 });
    d = placeNode(d, "service-1", { region: "region-2", position: { x: 10, y: 60 } });
    expect(d.nodes![0]).not.toHaveProperty("zone");
    expectValid(d);
  });

  it("refuses a zone the region does not have", () => {
    const d = addRegion(emptyDesign("x"), { zones: 1 }).design;
    expect(() => addNode(d, { kind: "lock", region: "region-1", zone: "q" })).toThrow(DesignCommandError);
    expect(() => addNode(d, { kind: "lock", region: "nope" })).toThrow('unknown region "nope"');
  });

  it("edits names, kinds and availability", () => {
    let d = addNode(addRegion(emptyDesign("x")).design, { kind: "database", region: "region-1" }).design;
    d = updateNode(d, "database-1", { name: "  orders-1 ", kind: "cache", availability: 0.99 });
    expect(d.nodes![0]).toMatchObject({ name: "orders-1", kind: "cache", availability: 0.99 });
    d = updateNode(d, "database-1", { availability: null });
    expect(d.nodes![0]).not.toHaveProperty("availability");
    expect(() => updateNode(d, "database-1", { name: "   " })).toThrow("a name cannot be empty");
    expect(() => updateNode(d, "database-1", { availability: 2 })).toThrow(DesignCommandError);
    d = updateRegion(d, "region-1", { name: "eu", availability: 0.9999 });
    expect(d.regions![0]).toMatchObject({ name: "eu", availability: 0.9999 });
    expect(renameDesign(d, "New").name).toBe("New");
  });

  it("never mutates its input", () => {
    const before = structuredClone(raftLedger);
    deleteElements(raftLedger, { regions: ["use1"] });
    updateNode(raftLedger, "ledger-1", { name: "z" });
    addNode(raftLedger, { kind: "cache", region: "euw1", zone: "a" });
    expect(raftLedger).toEqual(before);
  });
});

describe("deleteElements", () => {
  it("removes a replica from its store, moves the leader and keeps operations", () => {
    const d = deleteElements(raftLedger, { nodes: ["ledger-1"] });
    const store = d.stores![0];
    expect(store.replicas).toEqual(["ledger-2", "ledger-3"]);
    expect(store).not.toHaveProperty("leader"); // defaults to replicas[0]
    expect(d.operations).toHaveLength(3);
    expectValid(d);
  });

  it("deleting a region takes its nodes, links and layout; client regions fall back to the default", () => {
    const d = deleteElements(raftLedger, { regions: ["use1"] });
    expect(d.regions!.map((r) => r.id)).toEqual(["euw1", "apse1"]);
    expect(d.nodes!.some((n) => n.region === "use1")).toBe(false);
    expect(d.links).toEqual([{ a: "euw1", b: "apse1", rttMs: 160 }]);
    expect(d.operations!.find((o) => o.id === "transfer")).not.toHaveProperty("clientRegion");
    expectValid(d);
  });

  it("deleting a zone takes its nodes; the last zone leaves a region without zones", () => {
    const d = deleteElements(raftLedger, { zones: [["apse1", "a"]] });
    expect(d.nodes!.find((n) => n.id === "ledger-3")).toBeUndefined();
    expect(d.regions!.find((r) => r.id === "apse1")).not.toHaveProperty("zones");
    expectValid(d);
  });

  it("a store that loses every replica goes, with its operations; quorums shrink to fit", () => {
    const d0: Design = {
      ...raftLedger,
      stores: [
        ...raftLedger.stores!,
        { id: "kv", name: "KV", replication: "leaderless", replicas: ["ledger-1", "ledger-2", "ledger-3"], readQuorum: 3, writeQuorum: 3 },
      ],
      operations: [...raftLedger.operations!, { id: "put", name: "Put", store: "kv", type: "write", consistency: "eventual", quorum: 3 }],
    };
    const d1 = deleteElements(d0, { nodes: ["ledger-3"] });
    expect(d1.stores![1]).toMatchObject({ readQuorum: 2, writeQuorum: 2 });
    expect(d1.operations!.find((o) => o.id === "put")).toMatchObject({ quorum: 2 });
    expectValid(d1);
    const d2 = deleteElements(d0, { nodes: ["ledger-1", "ledger-2", "ledger-3"] });
    expect(d2.stores).toEqual([]);
    expect(d2.operations).toEqual([]);
    expectValid(d2);
  });

  it("a deleted learner leaves its store's learners (the list goes with the last one); per-region quorums are kept", () => {
    const ledger = raftLedger.stores![0];
    const d0: Design = {
      ...raftLedger,
      stores: [
        { ...ledger, replicas: ["ledger-1", "ledger-2"], learners: ["ledger-3", "api-euw1"] },
        { id: "kv", name: "KV", replication: "leaderless", replicas: ["ledger-1", "ledger-2", "ledger-3"], readQuorum: "local-quorum", writeQuorum: "each-quorum" },
      ],
    };
    expectValid(d0);
    const d1 = deleteElements(d0, { nodes: ["api-euw1"] });
    expect(d1.stores![0].learners).toEqual(["ledger-3"]);
    expectValid(d1);
    const d2 = deleteElements(d1, { zones: [["apse1", "a"]] }); // takes ledger-3
    expect(d2.stores![0]).not.toHaveProperty("learners");
    expect(d2.stores![1]).toMatchObject({ replicas: ["ledger-1", "ledger-2"], readQuorum: "local-quorum", writeQuorum: "each-quorum" });
    expectValid(d2);
  });
});

describe("property: every edit keeps a valid design valid", () => {
  type Step =
    | { op: "region"; zones: number }
    | { op: "zone"; r: number }
    | { op: "node"; r: number; z: number; kind: (typeof NODE_KINDS)[number] }
    | { op: "place"; n: number; r: number; z: number; x: number; y: number }
    | { op: "delete"; what: "node" | "region" | "zone"; i: number }
    | { op: "frame"; r: number; w: number };
  const step: fc.Arbitrary<Step> = fc.oneof(
    fc.record({ op: fc.constant("region" as const), zones: fc.integer({ min: 0, max: 3 }) }),
    fc.record({ op: fc.constant("zone" as const), r: fc.nat(5) }),
    fc.record({ op: fc.constant("node" as const), r: fc.nat(5), z: fc.nat(3), kind: fc.constantFrom(...NODE_KINDS) }),
    fc.record({ op: fc.constant("place" as const), n: fc.nat(10), r: fc.nat(5), z: fc.nat(3), x: fc.integer({ min: -50, max: 800 }), y: fc.integer({ min: -50, max: 800 }) }),
    fc.record({ op: fc.constant("delete" as const), what: fc.constantFrom("node" as const, "region" as const, "zone" as const), i: fc.nat(10) }),
    fc.record({ op: fc.constant("frame" as const), r: fc.nat(5), w: fc.integer({ min: 40, max: 2000 }) }),
  );

  function apply(d: Design, s: Step): Design {
    const regions = d.regions ?? [];
    const nodes = d.nodes ?? [];
    const region = regions.length ? regions[("r" in s ? s.r : 0) % regions.length] : undefined;
    const zone = region?.zones?.length && "z" in s ? region.zones[s.z % region.zones.length] : undefined;
    switch (s.op) {
      case "region":
        return addRegion(d, { zones: s.zones }).design;
      case "zone":
        return region ? addZone(d, region.id).design : d;
      case "node":
        return region ? addNode(d, { kind: s.kind, region: region.id, zone }).design : d;
      case "place":
        return region && nodes.length ? placeNode(d, nodes[s.n % nodes.length].id, { region: region.id, zone, position: { x: s.x, y: s.y } }) : d;
      case "frame":
        return region ? setRegionFrame(d, region.id, { ...resolveLayout(d).regions[region.id], width: s.w }) : d;
      case "delete":
        if (s.what === "node" && nodes.length) return deleteElements(d, { nodes: [nodes[s.i % nodes.length].id] });
        if (s.what === "region" && regions.length) return deleteElements(d, { regions: [regions[s.i % regions.length].id] });
        if (s.what === "zone" && region?.zones?.length) return deleteElements(d, { zones: [[region.id, region.zones[s.i % region.zones.length]]] });
        return d;
    }
  }

  it("holds for random edit sequences starting from empty and from the example", () => {
    fc.assert(
      fc.property(fc.boolean(), fc.array(step, { maxLength: 30 }), (fromExample, steps) => {
        let d = fromExample ? raftLedger : emptyDesign("p");
        for (const s of steps) d = apply(d, s);
        const result = parseDesign(d);
        return result.ok || (console.error(result.problems.map(formatProblem)), false);
      }),
      { numRuns: 300 },
    );
  });

  it("every node stays inside its parent frame after adding and placing", () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 25 }), (steps) => {
        let d = emptyDesign("p");
        for (const s of steps) if (s.op !== "frame") d = apply(d, s);
        const layout = resolveLayout(d);
        for (const node of d.nodes ?? []) {
          const p = layout.nodes[node.id];
          const zoneFrame = node.zone !== undefined ? layout.zones[`${node.region}/${node.zone}`] : undefined;
          const parent = zoneFrame ?? layout.regions[node.region];
          if (p.x + NODE_WIDTH > parent.width || p.y + NODE_HEIGHT > parent.height) return false;
        }
        return true;
      }),
      { numRuns: 200 },
    );
  });

  it("setNodePosition keeps the node's parent", () => {
    const d = setNodePosition(raftLedger, "ledger-2", { x: 5, y: 60 });
    expect(d.nodes!.find((n) => n.id === "ledger-2")).toMatchObject({ region: "euw1", zone: "a" });
  });
});

describe("layout-only edits", () => {
  it("dragging within a frame or resizing keeps every semantic field identical (no re-analysis)", async () => {
    const { sameSemantics } = await import("./commands");
    const base = materializeForTest();
    expect(sameSemantics(base, setNodePosition(base, "ledger-1", { x: 40, y: 90 }))).toBe(true);
    expect(sameSemantics(base, setRegionFrame(base, "use1", { x: 10, y: 10, width: 900, height: 500 }))).toBe(true);
    expect(sameSemantics(base, placeNode(base, "ledger-1", { region: "use1", zone: "b", position: { x: 0, y: 40 } }))).toBe(false);
    expect(sameSemantics(base, updateNode(base, "ledger-1", { name: "x" }))).toBe(false);
  });
});

function materializeForTest(): Design {
  return setRegionFrame(raftLedger, "use1", resolveLayout(raftLedger).regions.use1);
}

describe("named scenarios", () => {
  it("saves, replaces and deletes scenarios; deleting elements cleans them", async () => {
    const { saveScenario, deleteScenario } = await import("./commands");
    let d = saveScenario(raftLedger, { name: " EU down ", failRegions: ["euw1"], failZones: [], failNodes: ["ledger-3"], split: [["use1"], ["euw1", "apse1"]] });
    expect(d.scenarios).toEqual([{ name: "EU down", failRegions: ["euw1"], failNodes: ["ledger-3"], split: [["use1"], ["euw1", "apse1"]] }]);
    d = saveScenario(d, { name: "EU down", failRegions: ["apse1"] });
    expect(d.scenarios).toHaveLength(1);
    d = saveScenario(d, { name: "zone", failZones: ["use1/a"] });
    const cleaned = deleteElements(d, { regions: ["apse1"], zones: [["use1", "a"]] });
    expect(cleaned.scenarios).toEqual([{ name: "EU down", failRegions: [] }, { name: "zone", failZones: [] }]);
    expectValid(cleaned);
    expect(deleteScenario(deleteScenario(d, "EU down"), "zone")).not.toHaveProperty("scenarios");
  });
});

describe("unusedName", () => {
  it("numbers a name that is taken, within the 200-character limit", () => {
    expect(unusedName("Ledger", [])).toBe("Ledger");
    expect(unusedName("Ledger", ["Ledger"])).toBe("Ledger (2)");
    expect(unusedName("Ledger", ["Ledger", "Ledger (2)"])).toBe("Ledger (3)");
    const long = "x".repeat(200);
    expect(unusedName(long, [long])).toHaveLength(200);
    expect(unusedName(long, [long]).endsWith(" (2)")).toBe(true);
  });
});

describe("duplicating nodes", () => {
  it("a second duplicate of a node never lands on the first copy (issue 13: Ctrl+D stacked copies)", () => {
    const first = duplicateNodes(raftLedger, ["ledger-1"]);
    const second = duplicateNodes(first.design, ["ledger-1"]);
    const layout = resolveLayout(second.design);
    const at = (id: string) => layout.nodes[id];
    const [a, b, c] = ["ledger-1", first.ids[0], second.ids[0]].map(at);
    // Each copy goes below the last, in the same column, clear of it; the zone grows to hold them.
    expect(b.x).toBe(a.x);
    expect(b.y).toBeGreaterThanOrEqual(a.y + NODE_HEIGHT);
    expect(c.x).toBe(a.x);
    expect(c.y).toBeGreaterThanOrEqual(b.y + NODE_HEIGHT);
    const zone = layout.zones["use1/a"];
    expect(c.y + NODE_HEIGHT).toBeLessThanOrEqual(zone.height);
    expect(second.design.nodes?.find((n) => n.id === second.ids[0])?.name).toBe("ledger-1 copy");
  });
});

describe("a new design left as it came", () => {
  it("is recognised, and anything drawn, listed or named makes it a design worth keeping", () => {
    expect(isUntouchedNewDesign(emptyDesign("Untitled design"))).toBe(true);
    expect(isUntouchedNewDesign(emptyDesign("Untitled design (3)"))).toBe(true);
    expect(isUntouchedNewDesign(emptyDesign("Payments"))).toBe(false);
    expect(isUntouchedNewDesign(addRegion(emptyDesign("Untitled design")).design)).toBe(false);
    expect(isUntouchedNewDesign(raftLedger)).toBe(false);
  });
});

describe("drops never overflow (issue 13)", () => {
  const overlap = (a: Frame, b: Frame) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
  /** Every card inside its frame and clear of its siblings; zones inside their region, apart; regions apart. */
  function expectContained(design: Design) {
    const layout = resolveLayout(design);
    const regions = design.regions ?? [];
    regions.forEach((a, i) => regions.slice(i + 1).forEach((b) => expect(overlap(layout.regions[a.id], layout.regions[b.id]), `${a.id}/${b.id}`).toBe(false)));
    for (const region of regions) {
      const rf = layout.regions[region.id];
      const zones = (region.zones ?? []).map((z) => layout.zones[zoneKey(region.id, z)]);
      zones.forEach((z, i) => {
        expect(z.x >= 0 && z.y >= 0 && z.x + z.width <= rf.width && z.y + z.height <= rf.height, `zone ${region.zones![i]} in ${region.id}`).toBe(true);
        zones.slice(i + 1).forEach((o) => expect(overlap(z, o)).toBe(false));
      });
    }
    const nodes = design.nodes ?? [];
    for (const node of nodes) {
      const parent = parentOf(design, node);
      const frame = parent.zone ? layout.zones[zoneKey(parent.region, parent.zone)] : layout.regions[parent.region];
      const card = { ...layout.nodes[node.id], width: NODE_WIDTH, height: NODE_HEIGHT };
      expect(card.x >= 0 && card.y >= 0 && card.x + card.width <= frame.width && card.y + card.height <= frame.height, `${node.id} inside its frame`).toBe(true);
      for (const other of nodes) {
        const p = parentOf(design, other);
        if (other.id === node.id || p.region !== parent.region || p.zone !== parent.zone) continue;
        expect(overlap(card, { ...layout.nodes[other.id], width: NODE_WIDTH, height: NODE_HEIGHT }), `${node.id} on ${other.id}`).toBe(false);
      }
    }
  }

  it("a node dropped past a zone's edge lands inside it; the zone grows down and the zone below moves with it", () => {
    const before = resolveLayout(threeRegionDesign);
    const { design, id } = addNode(threeRegionDesign, { kind: "cache", region: "use1", zone: "a", position: { x: 400, y: 500 } });
    expectContained(design);
    const after = resolveLayout(design);
    expect(after.nodes[id].x + NODE_WIDTH).toBeLessThanOrEqual(after.zones["use1/a"].width);
    expect(after.zones["use1/a"].height).toBeGreaterThan(before.zones["use1/a"].height);
  });

  it("a node dropped onto another card is moved clear of it", () => {
    const target = resolveLayout(threeRegionDesign).nodes["ledger-1"];
    const design = placeNode(threeRegionDesign, "ledger-4", { region: "use1", zone: "a", position: target });
    expect(design.nodes!.find((n) => n.id === "ledger-4")).toMatchObject({ region: "use1", zone: "a" });
    expectContained(design);
  });

  it("pasted and duplicated nodes land inside their zone, clear of the others", () => {
    const clip = readClipboard(copyNodes(threeRegionDesign, ["ledger-1", "api-use1"])!)!;
    let design = pasteNodes(threeRegionDesign, clip).design;
    design = pasteNodes(design, clip, { region: "euw1", zone: "b" }).design;
    design = duplicateNodes(design, ["ledger-3", "etcd-2"]).design;
    design = duplicateNodes(design, ["ledger-3"]).design;
    expectContained(design);
  });

  it("holds for any sequence of drops, pastes and duplicates", () => {
    const nodeIds = threeRegionDesign.nodes!.map((n) => n.id);
    const frames = threeRegionDesign.regions!.flatMap((r) => (r.zones ?? []).map((z) => ({ region: r.id, zone: z })));
    const step = fc.oneof(
      fc.record({ kind: fc.constant("drop" as const), node: fc.constantFrom(...nodeIds), frame: fc.constantFrom(...frames), x: fc.integer({ min: -50, max: 600 }), y: fc.integer({ min: -50, max: 600 }) }),
      fc.record({ kind: fc.constant("duplicate" as const), node: fc.constantFrom(...nodeIds) }),
      fc.record({ kind: fc.constant("add" as const), frame: fc.constantFrom(...frames), x: fc.integer({ min: -50, max: 600 }), y: fc.integer({ min: -50, max: 600 }) }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 8 }), (steps) => {
        let design: Design = threeRegionDesign;
        for (const s of steps) {
          if (s.kind === "drop") design = placeNode(design, s.node, { ...s.frame, position: { x: s.x, y: s.y } });
          else if (s.kind === "duplicate") design = duplicateNodes(design, [s.node]).design;
          else design = addNode(design, { kind: "service", ...s.frame, position: { x: s.x, y: s.y } }).design;
        }
        expectContained(design);
      }),
      { numRuns: 60 },
    );
  });
});
