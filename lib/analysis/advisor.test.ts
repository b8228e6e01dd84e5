/** The placement advisor: CockroachDB's and etcd's published guidance, and its invariants. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Design } from "../design/schema";
import { FORMAT } from "../design/schema";
import { parseDesign } from "../design/validate";
import { advise, applyAdvice, type Advice } from "./advisor";
import { designArbitrary } from "./arbitraries";
import { analyze } from "./index";

/** Three regions, three zones each; callers in us-east; one consensus store of three voters. */
function threeRegions(overrides: Partial<Design> = {}): Design {
  return {
    format: FORMAT,
    name: "orders",
    regions: [
      { id: "use", name: "US East", zones: ["a", "b", "c"] },
      { id: "usw", name: "US West", zones: ["a", "b", "c"] },
      { id: "euw", name: "Europe West", zones: ["a", "b", "c"] },
    ],
    links: [
      { a: "use", b: "usw", rttMs: 65 },
      { a: "use", b: "euw", rttMs: 80 },
      { a: "usw", b: "euw", rttMs: 140 },
    ],
    nodes: [
      { id: "db1", name: "crdb 1", kind: "database", region: "use", zone: "a" },
      { id: "db2", name: "crdb 2", kind: "database", region: "usw", zone: "a" },
      { id: "db3", name: "crdb 3", kind: "database", region: "euw", zone: "a" },
    ],
    stores: [{ id: "orders", name: "Orders", replication: "consensus", replicas: ["db1", "db2", "db3"], leader: "db1" }],
    operations: [
      { id: "place", name: "Place order", store: "orders", type: "write", consistency: "linearizable", clientRegion: "use" },
      { id: "read", name: "Read order", store: "orders", type: "read", consistency: "linearizable", clientRegion: "use" },
    ],
    ...overrides,
  };
}

const ok = (a: Advice) => {
  if (!a.ok) throw new Error(a.reason);
  return a;
};
const total = (zones: Record<string, number>) => Object.values(zones).reduce((x, y) => x + y, 0);

describe("advisor: published guidance (golden)", () => {
  it("ZONE survival in one region with three zones: 3 voters, one per zone (CockroachDB)", () => {
    const d = threeRegions({
      regions: [{ id: "use", name: "US East", zones: ["a", "b", "c"] }],
      links: [],
      nodes: [{ id: "db1", name: "crdb 1", kind: "database", region: "use", zone: "a" }],
      stores: [{ id: "orders", name: "Orders", replication: "consensus", replicas: ["db1"] }],
    });
    const a = ok(advise(d, "orders", "zone"));
    expect(a.voters).toBe(3);
    expect(a.placement).toEqual({ use: { a: 1, b: 1, c: 1 } });
    expect(a.survives.zoneLoss).toBe(true);
  });

  it("REGION survival over three regions: 5 voters as 2 + 2 + 1, the 1 farthest from the callers (CockroachDB)", () => {
    const a = ok(advise(threeRegions(), "orders", "region"));
    expect(a.voters).toBe(5);
    expect(total(a.placement.use)).toBe(2);
    expect(total(a.placement.usw)).toBe(2);
    expect(total(a.placement.euw)).toBe(1); // Europe West is 80 ms away, US West 65 ms
    expect(a.leader?.region).toBe("use");
    // The two voters of a region sit in different zones.
    expect(Object.values(a.placement.use)).toEqual([1, 1]);
    expect(a.survives.regionLoss).toBe(true);
    expect(a.why.join(" ")).toMatch(/two voters in US East/i);
  });

  it("the 1 follows the callers: callers in Europe put the single voter in US West", () => {
    const d = threeRegions();
    d.operations = d.operations!.map((o) => ({ ...o, clientRegion: "euw" }));
    const a = ok(advise(d, "orders", "region"));
    expect(total(a.placement.euw)).toBe(2);
    expect(total(a.placement.use)).toBe(2);
    expect(total(a.placement.usw)).toBe(1); // 140 ms from Europe, US East 80
    expect(a.leader?.region).toBe("euw");
  });

  it("REGION survival with two regions is impossible, and says why", () => {
    const d = threeRegions();
    d.regions = d.regions!.slice(0, 2);
    d.links = d.links!.slice(0, 1);
    d.nodes = d.nodes!.slice(0, 2);
    d.stores = [{ id: "orders", name: "Orders", replication: "consensus", replicas: ["db1", "db2"] }];
    const a = advise(d, "orders", "region");
    expect(a.ok).toBe(false);
    if (!a.ok) {
      expect(a.reason).toMatch(/at least 3 regions/);
      expect(a.reason).toMatch(/at least half of the voters/);
    }
  });

  it("consensus voter counts are odd (etcd): never 4 where 3 or 5 will do", () => {
    fc.assert(
      fc.property(designArbitrary, fc.constantFrom("zone" as const, "region" as const), (d, goal) => {
        for (const s of d.stores ?? []) {
          const a = advise(d, s.id, goal);
          if (a.ok && s.replication === "consensus") expect(a.voters % 2).toBe(1);
        }
      }),
      { numRuns: 60 },
    );
  });

  it("zone goal without zones drawn: asks for zones", () => {
    const d = threeRegions();
    d.regions = d.regions!.map(({ zones: _z, ...r }) => r);
    d.nodes = d.nodes!.map(({ zone: _z, ...n }) => n);
    const a = advise(d, "orders", "zone");
    expect(a.ok).toBe(false);
    if (!a.ok) expect(a.reason).toMatch(/zones/);
  });

  it("primary-replica stores are explained, not placed", () => {
    const d = threeRegions();
    d.stores = [{ id: "orders", name: "Orders", replication: "primary-async", replicas: ["db1", "db2", "db3"] }];
    const a = advise(d, "orders", "region");
    expect(a.ok).toBe(false);
    if (!a.ok) expect(a.reason).toMatch(/fail(ing)? over/);
  });
});

describe("advisor: applying", () => {
  it("apply creates the nodes in the chosen zones, names them after the store, and keeps the design valid", () => {
    const d = threeRegions();
    const a = ok(advise(d, "orders", "region"));
    const applied = applyAdvice(d, a);
    expect(parseDesign(applied).ok).toBe(true);
    const store = applied.stores!.find((s) => s.id === "orders")!;
    expect(store.replicas).toHaveLength(5);
    expect(store.replicas).toEqual(expect.arrayContaining(["db1", "db2", "db3"]));
    const added = applied.nodes!.filter((n) => !["db1", "db2", "db3"].includes(n.id));
    expect(added.map((n) => n.name)).toEqual(["crdb 4", "crdb 5"]); // named after the replicas
    expect(added.every((n) => n.zone === "b")).toBe(true);
    expect(store.leader).toBe("db1");
    const after = analyze(applied);
    for (const o of after.operations) expect(o.survivesRegionLoss).toBe(true);
    expect(a.changes.join("\n")).toMatch(/Add 2 nodes: crdb 4 in US East zone b; crdb 5 in US West zone b/);
    // Applying the advice again changes nothing.
    expect(ok(advise(applied, "orders", "region")).unchanged).toBe(true);
  });

  it("replicas drawn in a region but outside its zones are moved into zones, not replaced", () => {
    const d = threeRegions();
    d.nodes = [1, 2, 3].map((i) => ({ id: `db${i}`, name: `Database ${i}`, kind: "database", region: "use" }));
    const a = ok(advise(d, "orders", "region"));
    const applied = applyAdvice(d, a);
    const store = applied.stores![0];
    expect(store.replicas).toEqual(expect.arrayContaining(["db1", "db2"]));
    expect(applied.nodes!.filter((n) => store.replicas.includes(n.id)).map((n) => n.name).sort()).toEqual(["Database 1", "Database 2", "Database 4", "Database 5", "Database 6"]);
    expect(a.changes.join("\n")).toMatch(/Move into a zone: Database 1 in US East zone a; Database 2 in US East zone b/);
    expect(a.changes.join("\n")).toMatch(/No longer a replica of Orders: Database 3 \(the node stays on the canvas\)/);
    expect(parseDesign(applied).ok).toBe(true);
  });

  it("before and after figures name the latency cost of surviving a region", () => {
    const a = ok(advise(threeRegions(), "orders", "region"));
    expect(a.before.latencyMs.place).toBe(1 + 65); // 3 voters: leader + the nearest of the two others
    expect(a.after.latencyMs.place).toBe(1 + 65); // 5 voters: 2 local + the nearer region's voter
    expect(a.latencyMs).toEqual(a.after.latencyMs);
  });
});

describe("advisor: invariants (fast-check)", () => {
  it("a proposal always meets the goal once applied, keeps the design valid, and any new error is spelled out", () => {
    fc.assert(
      fc.property(designArbitrary, fc.constantFrom("zone" as const, "region" as const), (d, goal) => {
        const errors = (x: Design) => new Set(analyze(x).findings.filter((f) => f.severity === "error").map((f) => `${f.rule}:${f.target}`));
        const before = errors(d);
        for (const s of (d.stores ?? []).slice(0, 2)) {
          const a = advise(d, s.id, goal);
          if (!a.ok) continue;
          const applied = applyAdvice(d, a);
          expect(parseDesign(applied).ok).toBe(true);
          const ops = analyze(applied).operations.filter((o) => o.store === s.id);
          for (const o of ops) {
            expect(o.survivesNodeFailures).toBeGreaterThanOrEqual(1);
            if (goal === "zone") expect(o.survivesZoneLoss).toBe(true);
            else expect(o.survivesRegionLoss).toBe(true);
          }
          const added = [...errors(applied)].filter((k) => !before.has(k));
          // The advisor prefers a placement that adds no error; when every one does, it says so by changes.
          if (added.length) expect(a.changes.length).toBeGreaterThan(0);
          // No smaller voter count meets the goal: the same search limited below finds nothing.
          expect(a.voters).toBeGreaterThanOrEqual(3);
        }
      }),
      { numRuns: 60 },
    );
  });
});
