/** Invariants of the engine on random valid designs (fast-check). */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatProblem, parseDesign } from "../design/validate";
import { designArbitrary } from "./arbitraries";
import { analyze } from "./index";
import { simulate } from "./simulate";

const runs = { numRuns: 300 };

// 300 random designs per property take 3–6 s on a loaded machine (load average ~20 with other
// test runs): a time limit for a stuck engine, not a benchmark (bench.ts measures speed).
describe("engine properties", { timeout: 30_000 }, () => {
  it("the generator only makes valid designs", () => {
    fc.assert(fc.property(designArbitrary, (d) => {
      const r = parseDesign(d);
      return r.ok || (console.error(r.problems.map(formatProblem)), false);
    }), runs);
  });

  it("analyze never throws and is deterministic", () => {
    fc.assert(fc.property(designArbitrary, (d) => {
      expect(JSON.stringify(analyze(d))).toBe(JSON.stringify(analyze(structuredClone(d))));
    }), runs);
  });

  it("probabilities are in [0, 1]", () => {
    fc.assert(fc.property(designArbitrary, (d) => {
      const a = analyze(d);
      for (const o of a.operations) {
        if (o.availability === null) continue;
        expect(o.availability).toBeGreaterThanOrEqual(0);
        expect(o.availability).toBeLessThanOrEqual(1);
        if (o.staleReadProbability !== null) {
          expect(o.staleReadProbability).toBeGreaterThanOrEqual(0);
          expect(o.staleReadProbability).toBeLessThanOrEqual(1);
        }
      }
      for (const s of a.stores) if (s.staleReadProbability !== null) expect(s.staleReadProbability >= 0 && s.staleReadProbability <= 1).toBe(true);
    }), runs);
  });

  it("numeric quorums: a read's stale-read probability is 0 exactly when R + W > n for every write", () => {
    fc.assert(fc.property(designArbitrary, (d) => {
      const a = analyze(d);
      for (const o of a.operations) {
        const store = a.stores.find((s) => s.id === o.store)!;
        if (store.replication !== "leaderless" || o.type !== "read" || typeof o.quorum !== "number") continue;
        const writes = a.operations.filter((w) => w.store === o.store && w.type === "write").map((w) => w.quorum);
        const ws = writes.length ? writes : [store.writeQuorum];
        if (ws.some((w) => typeof w !== "number")) continue;
        expect(o.staleReadProbability === 0).toBe(ws.every((w) => (o.quorum as number) + (w as number) > store.n));
        expect(o.freshWithinVersions).toHaveLength(5);
      }
    }), runs);
  });

  it("linearizable is never AP (Jepsen: linearizability is not totally available), and CP is always linearizable", () => {
    fc.assert(fc.property(designArbitrary, (d) => {
      for (const o of analyze(d).operations) {
        if (o.cap === "AP") expect(o.providedConsistency).not.toBe("linearizable");
        if (o.cap === "CP") expect(o.providedConsistency).toBe("linearizable");
      }
    }), runs);
  });

  it("a leaderless lock is never linearizable, and sloppy quorums are eventual", () => {
    fc.assert(fc.property(designArbitrary, (d) => {
      const a = analyze(d);
      for (const o of a.operations) {
        const store = d.stores!.find((s) => s.id === o.store)!;
        if (store.replication !== "leaderless") continue;
        if ((store.purpose === "lock" || store.sloppyQuorum) && o.providedConsistency !== null) expect(["eventual", "session"]).toContain(o.providedConsistency);
      }
    }), runs);
  });

  it("PACELC halves follow the operations: EC only when every operation is linearizable", () => {
    fc.assert(fc.property(designArbitrary, (d) => {
      const a = analyze(d);
      for (const s of a.stores) {
        const mine = a.operations.filter((o) => o.store === s.id && o.cap !== null);
        if (mine.length === 0) expect(s.pacelc).toBeNull();
        else {
          expect(s.pacelc).toBe(`${s.pacelcPartition}/${s.pacelcElse}`);
          expect(s.pacelcElse === "EC").toBe(mine.every((o) => o.providedConsistency === "linearizable"));
        }
      }
    }), runs);
  });

  it("raising any node's availability never lowers an operation's availability", () => {
    fc.assert(fc.property(designArbitrary, fc.nat(20), fc.double({ min: 0, max: 1, noNaN: true }), (d, which, t) => {
      const before = analyze(d).operations.map((o) => o.availability);
      const node = d.nodes![which % d.nodes!.length];
      const raised = structuredClone(d);
      const target = raised.nodes!.find((n) => n.id === node.id)!;
      target.availability = (target.availability ?? 0.999) + t * (1 - (target.availability ?? 0.999));
      const after = analyze(raised).operations.map((o) => o.availability);
      after.forEach((a, i) => {
        if (a !== null) expect(a).toBeGreaterThanOrEqual(before[i]! - 1e-12);
      });
    }), runs);
  });

  it("adding a replica never lowers survivesNodeFailures of an “any Q” need", () => {
    fc.assert(fc.property(designArbitrary, (d) => {
      const a = analyze(d);
      const grown = structuredClone(d);
      grown.nodes!.push({ id: "extra", name: "extra", kind: "database", region: "r0" });
      for (const s of grown.stores!) s.replicas.push("extra");
      const b = analyze(grown);
      a.operations.forEach((o, i) => {
        const store = d.stores!.find((s) => s.id === o.store)!;
        // Only needs whose Q does not grow with n (fixed numeric quorums on leaderless stores, Q = 1 elsewhere).
        const fixedQ = store.replication === "leaderless" || store.replication === "multi-leader" || store.replication === "crdt";
        const need = o.need;
        if (need && need.node === null && need.perRegion.length === 0 && b.operations[i].need?.perRegion.length === 0 && fixedQ && o.survivesNodeFailures !== null) {
          expect(b.operations[i].survivesNodeFailures).toBeGreaterThanOrEqual(o.survivesNodeFailures);
        }
      });
    }), runs);
  });

  it("latency is ≥ 0 and never below the callers' rtt to the nearest replica", () => {
    fc.assert(fc.property(designArbitrary, (d) => {
      const links = new Map(d.links!.map((l) => [[l.a, l.b].sort().join("|"), l.rttMs]));
      const rtt = (a: string, b: string) => (a === b ? 1 : links.get([a, b].sort().join("|")));
      for (const o of analyze(d).operations) {
        if (o.latencyMs === null) continue;
        const store = d.stores!.find((s) => s.id === o.store)!;
        const nearest = Math.min(...[...store.replicas, ...(store.learners ?? [])].map((r) => rtt(o.clientRegion!, d.nodes!.find((n) => n.id === r)!.region) ?? Infinity));
        expect(o.latencyMs).toBeGreaterThanOrEqual(0);
        expect(o.latencyMs).toBeGreaterThanOrEqual(nearest);
      }
    }), runs);
  });

  it("simulate with no failures: every operation is available, none diverges, latencies are the analysis's", () => {
    fc.assert(fc.property(designArbitrary, (d) => {
      const sim = simulate(d, {});
      const a = analyze(d);
      sim.operations.forEach((o, i) => {
        const known = a.operations[i].need !== null;
        expect(o.available).toBe(known);
        expect(o.diverging).toBe(false);
        if (known) expect(o.latencyMs).toBe(a.operations[i].latencyMs);
      });
    }), runs);
  });

  it("an operation a scenario makes unavailable has no latency", () => {
    fc.assert(fc.property(designArbitrary, fc.nat(3), (d, which) => {
      const region = d.regions![which % d.regions!.length].id;
      for (const o of simulate(d, { failRegions: [region] }).operations) if (!o.available) expect(o.latencyMs).toBeNull();
    }), runs);
  });

  it("a region loss the analysis says is survived leaves the operation available in the simulator", () => {
    fc.assert(fc.property(designArbitrary, (d) => {
      const a = analyze(d);
      for (const o of a.operations) {
        if (!o.survivesRegionLoss) continue;
        for (const r of a.stores.find((s) => s.id === o.store)!.regions) {
          expect(simulate(d, { failRegions: [r] }).operations.find((x) => x.id === o.id)!.available).toBe(true);
        }
      }
    }), { numRuns: 150 });
  });
});
