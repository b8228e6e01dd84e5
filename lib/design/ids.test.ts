import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyze } from "../analysis/index";
import { pasteNodes, copyNodes, readClipboard } from "./clipboard";
import { addNode, addRegion, addZone, duplicateNodes, emptyDesign, materializeLayout, saveScenario, DesignCommandError } from "./commands";
import { EXAMPLES } from "./examples/index";
import { raftLedger } from "./examples/raft-ledger";
import { elementIds, idFromName, idProblem, impliedRenames, renameId, slugify, type IdKind } from "./ids";
import { ID_PATTERN, type Design } from "./schema";
import { addLearner, addOperation, makeStore } from "./store-commands";
import { formatProblem, parseDesign } from "./validate";

function expectValid(design: Design): void {
  const result = parseDesign(design);
  expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([]);
}

/** An example with every optional reference filled in: layout for all, a scenario naming everything. */
function everything(design: Design): Design {
  const d = materializeLayout(design);
  const regions = (d.regions ?? []).map((r) => r.id);
  return saveScenario(d, {
    name: "All of it",
    failRegions: regions.slice(0, 1),
    failZones: (d.regions ?? []).flatMap((r) => (r.zones ?? []).map((z) => `${r.id}/${z}`)),
    failNodes: (d.nodes ?? []).map((n) => n.id),
    split: regions.length > 1 ? [regions.slice(0, 1), regions.slice(1)] : undefined,
  });
}

describe("ids from names", () => {
  it("turns a name into lowercase ASCII letters, digits and dashes, accents dropped", () => {
    expect(slugify("US East")).toBe("us-east");
    expect(slugify("  Zürich — Primär (DB) ")).toBe("zurich-primar-db");
    expect(slugify("Straße Ærø Łódź")).toBe("strasse-aero-lodz");
    expect(slugify("Crème brûlée #2")).toBe("creme-brulee-2");
    expect(slugify("東京")).toBe("");
    const long = slugify("a very long name ".repeat(10));
    expect(long.length).toBeLessThanOrEqual(64);
    expect(long).toMatch(ID_PATTERN);
    expect(long.endsWith("-")).toBe(false);
  });

  it("adds -2, -3… to a taken slug and falls back to the kind when the name gives nothing", () => {
    expect(idFromName("US East", [], "region")).toBe("us-east");
    expect(idFromName("US East", ["us-east"], "region")).toBe("us-east-2");
    expect(idFromName("US East", ["us-east", "us-east-2"], "region")).toBe("us-east-3");
    expect(idFromName("東京", [], "region")).toBe("region");
    expect(idFromName("東京", ["region"], "region")).toBe("region-2");
    const long = "x".repeat(80);
    const second = idFromName(long, ["x".repeat(64)], "db");
    expect(second).toBe(`${"x".repeat(62)}-2`);
    expect(second).toMatch(ID_PATTERN);
  });

  it("gives a new region, node, store and operation the id of its name, unique across all of them", () => {
    let d = emptyDesign("Shop");
    const east = addRegion(d, { name: "US East", zones: 2 });
    d = east.design;
    const east2 = addRegion(d, { name: "US East" });
    d = east2.design;
    expect([east.id, east2.id]).toEqual(["us-east", "us-east-2"]);
    const db = addNode(d, { kind: "database", region: "us-east", zone: "a", name: "Orders" });
    d = db.design;
    expect(db.id).toBe("orders");
    // A store called "Orders" next to a node called "Orders": one id names one element.
    const store = makeStore(d, ["orders"], { name: "Orders" });
    d = store.design;
    expect(store.id).toBe("orders-2");
    const op = addOperation(d, { store: store.id, name: "Place order" });
    d = op.design;
    expect(op.id).toBe("place-order");
    expectValid(d);
  });

  it("names unnamed elements 'Region 1', 'Database 1'… and derives their ids from those names", () => {
    let d = addRegion(emptyDesign("x")).design;
    d = addRegion(d).design;
    expect(d.regions?.map((r) => [r.id, r.name])).toEqual([
      ["region-1", "Region 1"],
      ["region-2", "Region 2"],
    ]);
    d = addNode(d, { kind: "load-balancer", region: "region-1" }).design;
    d = addNode(d, { kind: "queue", region: "region-1" }).design;
    expect(d.nodes?.map((n) => [n.id, n.name])).toEqual([
      ["load-balancer-1", "Load balancer 1"],
      ["queue-1", "queue 1"],
    ]);
    const s = makeStore(d, ["queue-1"]);
    expect([s.id, s.design.stores?.[0].name]).toEqual(["store-1", "Store 1"]);
    const o = addOperation(s.design, { store: s.id });
    expect([o.id, o.design.operations?.[0].name]).toEqual(["operation-1", "Operation 1"]);
  });

  it("gives duplicated and pasted nodes ids from their (suffixed) names", () => {
    let d = addRegion(emptyDesign("x"), { name: "EU", zones: 1 }).design;
    d = addNode(d, { kind: "database", region: "eu", zone: "a", name: "Orders primary" }).design;
    const once = duplicateNodes(d, ["orders-primary"]);
    expect(once.ids).toEqual(["orders-primary-copy"]);
    const twice = duplicateNodes(once.design, ["orders-primary"]);
    expect(twice.ids).toEqual(["orders-primary-copy-2"]);
    const clip = readClipboard(copyNodes(twice.design, ["orders-primary"])!)!;
    const pasted = pasteNodes(twice.design, clip);
    expect(pasted.design.nodes?.find((n) => n.id === pasted.ids[0])?.name).toBe("Orders primary copy");
    expect(pasted.ids).toEqual(["orders-primary-copy-3"]);
    // Into another design where the name is free: the node keeps its name and its id follows it.
    const other = addRegion(emptyDesign("y"), { name: "EU" }).design;
    expect(pasteNodes(other, clip).ids).toEqual(["orders-primary"]);
    expectValid(pasted.design);
  });

  it("keeps zone ids a, b, c… (zones are named by their id)", () => {
    const d = addRegion(emptyDesign("x"), { name: "EU", zones: 2 }).design;
    expect(addZone(d, "eu").id).toBe("c");
  });
});

describe("checking an id typed by a person", () => {
  it("names what is wrong: pattern, length, a taken id in any list, a zone taken in its region", () => {
    const d = raftLedger;
    expect(idProblem(d, "store", "ledger", "")).toBe("An id cannot be empty");
    expect(idProblem(d, "store", "ledger", "my ledger")).toBe('An id takes only letters, digits, "-", "_" and "." (not a space)');
    expect(idProblem(d, "store", "ledger", "ledger/1")).toBe('An id takes only letters, digits, "-", "_" and "." (not "/")');
    expect(idProblem(d, "store", "ledger", "x".repeat(65))).toBe("An id has at most 64 characters (this one has 65)");
    expect(idProblem(d, "node", "ledger-1", "ledger-2")).toBe('“ledger-2” (a node) already has the id "ledger-2"');
    expect(idProblem(d, "operation", "transfer", "use1")).toBe('“us-east-1” (a region) already has the id "use1"');
    expect(idProblem(d, "zone", "use1/a", "b")).toBe('us-east-1 already has a zone "b"');
    expect(idProblem(d, "zone", "apse1/a", "b")).toBeNull();
    expect(idProblem(d, "store", "ledger", "ledger")).toBeNull();
    expect(idProblem(d, "store", "ledger", "Ledger_v2.main")).toBeNull();
    expect(idProblem(d, "store", "nope", "x")).toBe('There is no store "nope"');
    expect(() => renameId(d, "node", "ledger-1", "ledger-2")).toThrow(DesignCommandError);
  });
});

describe("renameId updates every reference", () => {
  it("region: nodes, links, callers' regions, layout frames (its own and its zones'), scenarios", () => {
    const before = everything(raftLedger);
    const d = renameId(before, "region", "use1", "us-east");
    expect(d.regions?.map((r) => r.id)).toEqual(["us-east", "euw1", "apse1"]);
    expect(d.nodes?.filter((n) => n.region === "us-east").map((n) => n.id)).toEqual(["lb-use1", "api-use1", "ledger-1"]);
    expect(d.links).toEqual([
      { a: "us-east", b: "euw1", rttMs: 75 },
      { a: "us-east", b: "apse1", rttMs: 215 },
      { a: "euw1", b: "apse1", rttMs: 160 },
    ]);
    expect(d.operations?.find((o) => o.id === "transfer")?.clientRegion).toBe("us-east");
    expect(Object.keys(d.layout!.regions!)).toEqual(["us-east", "euw1", "apse1"]);
    expect(Object.keys(d.layout!.zones!)).toEqual(["us-east/a", "us-east/b", "euw1/a", "euw1/b", "apse1/a"]);
    expect(d.scenarios?.[0]).toMatchObject({ failRegions: ["us-east"], split: [["us-east"], ["euw1", "apse1"]] });
    expect(d.scenarios?.[0].failZones?.slice(0, 2)).toEqual(["us-east/a", "us-east/b"]);
    expectValid(d);
    expect(impliedRenames(before, "region", "use1", "us-east")).toEqual([
      { kind: "region", from: "use1", to: "us-east" },
      { kind: "zone", from: "use1/a", to: "us-east/a" },
      { kind: "zone", from: "use1/b", to: "us-east/b" },
    ]);
  });

  it("zone: the region's list, its nodes only (not another region's zone of the same id), layout, scenarios", () => {
    const d = renameId(everything(raftLedger), "zone", "use1/a", "use1-az1");
    expect(d.regions?.[0].zones).toEqual(["use1-az1", "b"]);
    expect(d.regions?.[1].zones).toEqual(["a", "b"]);
    expect(d.nodes?.filter((n) => n.zone === "use1-az1").map((n) => n.id)).toEqual(["lb-use1", "ledger-1"]);
    expect(d.nodes?.find((n) => n.id === "ledger-2")?.zone).toBe("a");
    expect(Object.keys(d.layout!.zones!)).toEqual(["use1/use1-az1", "use1/b", "euw1/a", "euw1/b", "apse1/a"]);
    expect(d.scenarios?.[0].failZones).toContain("use1/use1-az1");
    expect(d.scenarios?.[0].failZones).not.toContain("use1/a");
    // "region/zone" is accepted as the new id too.
    expect(renameId(raftLedger, "zone", "use1/a", "use1/z").regions?.[0].zones).toEqual(["z", "b"]);
    expectValid(d);
  });

  it("node: replicas, leader, learners, layout position, scenarios", () => {
    let base = everything(raftLedger);
    base = addNode(base, { kind: "database", region: "euw1", zone: "b", name: "ledger-4" }).design;
    base = addLearner(base, "ledger", "ledger-4");
    let d = renameId(base, "node", "ledger-1", "ledger-use1");
    expect(d.stores?.[0]).toMatchObject({ replicas: ["ledger-use1", "ledger-2", "ledger-3"], leader: "ledger-use1" });
    expect(d.layout!.nodes!["ledger-use1"]).toEqual(base.layout!.nodes!["ledger-1"]);
    expect(Object.keys(d.layout!.nodes!).indexOf("ledger-use1")).toBe(Object.keys(base.layout!.nodes!).indexOf("ledger-1"));
    expect(d.scenarios?.[0].failNodes).toContain("ledger-use1");
    d = renameId(d, "node", "ledger-4", "learner-euw1");
    expect(d.stores?.[0].learners).toEqual(["learner-euw1"]);
    expectValid(d);
  });

  it("store: the operations on it", () => {
    const d = renameId(raftLedger, "store", "ledger", "accounts");
    expect(d.stores?.[0].id).toBe("accounts");
    expect(d.operations?.map((o) => o.store)).toEqual(["accounts", "accounts", "accounts"]);
    expectValid(d);
  });

  it("operation: its own id (nothing in the format refers to an operation)", () => {
    const d = renameId(raftLedger, "operation", "transfer", "post-transfer");
    expect(d.operations?.map((o) => o.id)).toEqual(["post-transfer", "balance", "statement"]);
    expectValid(d);
  });

  it("changes no figure of the analysis: only ids move", () => {
    const d = renameId(renameId(renameId(raftLedger, "region", "use1", "us-east"), "node", "ledger-1", "l1"), "store", "ledger", "accounts");
    const a = analyze(raftLedger);
    const b = analyze(d);
    expect(b.verdict).toBe(a.verdict);
    expect(b.operations.map((o) => [o.latencyMs, o.availability])).toEqual(a.operations.map((o) => [o.latencyMs, o.availability]));
    expect(b.findings.map((f) => f.message)).toEqual(a.findings.map((f) => f.message));
  });

  it("renaming to the same id changes nothing", () => {
    expect(renameId(raftLedger, "store", "ledger", "ledger")).toBe(raftLedger);
    expect(renameId(raftLedger, "zone", "use1/a", "a")).toBe(raftLedger);
  });

  it("never mutates its input", () => {
    const before = structuredClone(everything(raftLedger));
    const copy = structuredClone(before);
    renameId(before, "region", "use1", "x");
    renameId(before, "node", "ledger-1", "y");
    expect(before).toEqual(copy);
  });
});

describe("renameId, property: rename then rename back is the identity, and the document stays valid", () => {
  const designs = EXAMPLES.map((e) => everything(e.design));
  const newId = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,15}$/);
  it("holds for every kind on every example", () => {
    fc.assert(
      fc.property(fc.nat(designs.length - 1), fc.constantFrom<IdKind>("region", "zone", "node", "store", "operation"), fc.nat(50), newId, (di, kind, pick, to) => {
        const d = designs[di];
        let from: string | undefined;
        let target = to;
        if (kind === "zone") {
          const zones = (d.regions ?? []).flatMap((r) => (r.zones ?? []).map((z) => [r.id, z] as const));
          if (!zones.length) return;
          const [region, zone] = zones[pick % zones.length];
          from = `${region}/${zone}`;
          fc.pre(!(d.regions?.find((r) => r.id === region)?.zones ?? []).includes(to));
          target = `${region}/${to}`;
          const renamed = renameId(d, kind, from, to);
          expectValid(renamed);
          expect(renameId(renamed, kind, target, zone)).toEqual(d);
          return;
        }
        const list = { region: d.regions, node: d.nodes, store: d.stores, operation: d.operations }[kind] ?? [];
        if (!list.length) return;
        from = list[pick % list.length].id;
        fc.pre(!elementIds(d).has(to));
        const renamed = renameId(d, kind, from, to);
        expectValid(renamed);
        expect(renameId(renamed, kind, to, from)).toEqual(d);
        expect(renamed).not.toEqual(d);
      }),
      { numRuns: 300 },
    );
  });
});
