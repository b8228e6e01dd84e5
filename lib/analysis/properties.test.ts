/** Invariants of the engine on random valid designs (fast-check). */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatProblem, parseDesign } from "../design/validate";
import { designArbitrary } from "./arbitraries";
import { analyze } from "./index";
import { simulate } from "./simulate";

const runs = { numRuns: 300 };

describe("engine properties", () => {
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
        expect(o.availability).toBeGreaterThanOrEqual(0);
        expect(o.availability).toBeLessThanOrEqual(1);
        if (o.staleReadProbability !== null) {
          expect(o.staleReadProbability).toBeGreaterThanOrEqual(0);
          expect(o.staleReadProbability).toBeLessThanOrEqual(1);
        }
      }
      for (const s of a.stores) expect(s.staleReadProbability >= 0 && s.staleReadProbability <= 1).toBe(true);
    }), runs);
  });

  it("stale-read probability is 0 exactly when R + W > n (leaderless stores)", () => {
    fc.assert(fc.property(designArbitrary, (d) => {
      for (const s of analyze(d).stores) {
        if (s.replication !== "leaderless") continue;
        expect(s.staleReadProbability === 0).toBe(s.readQuorum + s.writeQuorum > s.n);
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
      after.forEach((a, i) => expect(a).toBeGreaterThanOrEqual(before[i] - 1e-12));
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
        // Only needs whose Q does not grow with n (fixed quorums on leaderless stores, Q = 1 elsewhere).
        const fixedQ = store.replication === "leaderless" || store.replication === "multi-leader" || store.replication === "crdt";
        if (o.need.kind === "any" && fixedQ) expect(b.operations[i].survivesNodeFailures).toBeGreaterThanOrEqual(o.survivesNodeFailures);
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
        const nearest = Math.min(...store.replicas.map((r) => rtt(o.clientRegion!, d.nodes!.find((n) => n.id === r)!.region) ?? Infinity));
        expect(o.latencyMs).toBeGreaterThanOrEqual(0);
        expect(o.latencyMs).toBeGreaterThanOrEqual(nearest);
      }
    }), runs);
  });

  it("simulate with no failures: every operation is available, none diverges", () => {
    fc.assert(fc.property(designArbitrary, (d) => {
      const sim = simulate(d, {});
      expect(sim.operations.every((o) => o.available && !o.diverging)).toBe(true);
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
