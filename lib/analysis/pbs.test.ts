/** PBS t-visibility (analysis-model.md, "PBS t-visibility"): the properties a correct implementation has. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDesign } from "../design/validate";
import { designArbitrary } from "./arbitraries";
import { analyze, tVisibilityOf, withTVisibility } from "./index";
import { buildModel } from "./model";
import { pbsConfig, runPbs, T_POINTS_MS } from "./pbs";
import { oneStore } from "./testing";

function valid<T>(design: T): T {
  const r = parseDesign(design);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return design;
}

const threeRegions = [
  { a: "r1", b: "r2", rttMs: 80 },
  { a: "r1", b: "r3", rttMs: 150 },
  { a: "r2", b: "r3", rttMs: 100 },
];
/** The links among the regions a design has. */
const linksAmong = (regions: string[]) => threeRegions.filter((l) => regions.includes(l.a) && regions.includes(l.b));
const cycle = (n: number) => Array.from({ length: n }, (_, i) => `r${(i % 3) + 1}`);

describe("PBS t-visibility", () => {
  it("is reported for weak leaderless reads and follower reads only, with P99.9 from the points", () => {
    const d = valid(oneStore({ n: 3, replication: "leaderless", store: { readQuorum: 1, writeQuorum: 1, conflictResolution: "lww" }, operations: [{ id: "w", type: "write" }, { id: "r", type: "read" }, { id: "strong", type: "read", quorum: 3 }] }));
    const a = analyze(d, { pbs: { trials: 20_000 } });
    const [w, r, strong] = a.operations;
    expect(w.tVisibility).toBeNull();
    expect(strong.tVisibility).toBeNull();
    expect(r.tVisibility!.trials).toBe(20_000);
    expect(r.tVisibility!.points.map((p) => p.tMs)).toEqual([...T_POINTS_MS]);
    expect(r.tVisibilityP999Ms).toBe(r.tVisibility!.points.find((p) => p.pFresh >= 0.999)?.tMs ?? null);
    // Without PBS (the studio's synchronous path) the figures are null and fill in later.
    const quick = analyze(d);
    expect(quick.operations[1].tVisibility).toBeNull();
    const merged = withTVisibility(quick, d, tVisibilityOf(d, { trials: 20_000 }));
    expect(merged.operations[1].tVisibility).toEqual(r.tVisibility);
    expect(merged.operations[1].explain.tVisibility.text).toContain("Bailis et al.");
  });

  it("is deterministic (seeded) and never decreases with t", () => {
    const d = valid(oneStore({ n: 5, replication: "leaderless", regions: ["r1", "r1", "r2", "r2", "r3"], links: threeRegions, store: { readQuorum: 1, writeQuorum: 2, conflictResolution: "lww" }, operations: [{ id: "w", type: "write", clientRegion: "r1" }, { id: "r", type: "read", clientRegion: "r3" }] }));
    const one = tVisibilityOf(d, { trials: 30_000 }).r;
    expect(tVisibilityOf(structuredClone(d), { trials: 30_000 }).r).toEqual(one);
    for (let i = 1; i < one.points.length; i++) expect(one.points[i].pFresh).toBeGreaterThanOrEqual(one.points[i - 1].pFresh);
    // A write acknowledged by replicas near its callers takes up to a cross-region hop to reach the far reader.
    expect(one.points[0].pFresh).toBeLessThan(0.999);
    expect(one.points.at(-1)!.pFresh).toBe(1);
  });

  it("property: monotone in t on random designs", () => {
    fc.assert(
      fc.property(designArbitrary, (d) => {
        for (const tv of Object.values(tVisibilityOf(d, { trials: 500 }))) {
          for (let i = 1; i < tv.points.length; i++) expect(tv.points[i].pFresh).toBeGreaterThanOrEqual(tv.points[i - 1].pFresh);
          for (const p of tv.points) expect(p.pFresh >= 0 && p.pFresh <= 1).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });

  it("property: a strong read is fresh at every t", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 7 }), fc.nat(6), fc.nat(6), fc.integer({ min: 0, max: 10 }), (n, r0, w0, jitter) => {
        const r = 1 + (r0 % n);
        const w = Math.max(1, n + 1 - r + (w0 % Math.max(1, r)) > n ? n : n + 1 - r); // R + W > n
        const d = valid({ ...oneStore({ n, replication: "leaderless", regions: cycle(n), links: linksAmong(["r1", "r2", ...cycle(n)]), store: { readQuorum: r, writeQuorum: w, conflictResolution: "lww" }, operations: [{ id: "w", type: "write", clientRegion: "r1" }, { id: "r", type: "read", clientRegion: "r2" }] }), defaults: { jitterMs: jitter } });
        const model = buildModel(d);
        const config = pbsConfig(model, model.operations[1])!;
        for (const p of runPbs(config, 2_000).points) expect(p.pFresh).toBe(1);
      }),
      { numRuns: 60 },
    );
  });

  it("property: at t = 0 at least 1 − staleReadProbability when the write and the read share their coordinator", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 7 }), fc.nat(6), fc.nat(6), fc.integer({ min: 0, max: 10 }), (n, r0, w0, jitter) => {
        const r = 1 + (r0 % n);
        const w = 1 + (w0 % n);
        if (r + w > n) return;
        const d = valid({ ...oneStore({ n, replication: "leaderless", regions: cycle(n), links: linksAmong(["r2", ...cycle(n)]), store: { readQuorum: r, writeQuorum: w, conflictResolution: "lww" }, operations: [{ id: "w", type: "write", clientRegion: "r2" }, { id: "r", type: "read", clientRegion: "r2" }] }), defaults: { jitterMs: jitter } });
        const a = analyze(d, { pbs: { trials: 20_000 } });
        const read = a.operations[1];
        // 20,000 trials: the Monte Carlo error is below 0.011 at 3 standard deviations.
        expect(read.tVisibility!.points[0].pFresh).toBeGreaterThanOrEqual(1 - read.staleReadProbability! - 0.011);
      }),
      { numRuns: 40 },
    );
  });

  it("follower reads: a learner next to the readers sees a write only once the leader's message has crossed to it", () => {
    const base = oneStore({ n: 3, replication: "consensus", regions: ["r1", "r1", "r2"], links: threeRegions, store: { readMode: "follower", maxStalenessMs: 5000, learners: ["n4"] }, operations: [{ id: "w", type: "write", clientRegion: "r1" }, { id: "r", type: "read", clientRegion: "r3" }] });
    const d = valid({ ...base, nodes: [...base.nodes!, { id: "n4", name: "learner", kind: "database", region: "r3" }] });
    const tv = tVisibilityOf(d, { trials: 20_000 }).r;
    // The write commits in r1 within a few ms; it reaches the r3 learner after 150/2 = 75 ms.
    expect(tv.points[0].pFresh).toBeLessThan(0.01);
    expect(tv.points.find((p) => p.tMs === 50)!.pFresh).toBeLessThan(0.5);
    expect(tv.points.find((p) => p.tMs === 100)!.pFresh).toBeGreaterThan(0.999);
  });

  it("the HTTP API's budget bounds the work: more configurations, fewer trials each", () => {
    const d = valid(oneStore({ n: 3, replication: "leaderless", regions: ["r1", "r2", "r3"], links: threeRegions, store: { readQuorum: 1, writeQuorum: 1, conflictResolution: "lww" }, operations: [{ id: "w", type: "write", clientRegion: "r1" }, { id: "a", type: "read", clientRegion: "r1" }, { id: "b", type: "read", clientRegion: "r2" }, { id: "c", type: "read", clientRegion: "r3" }] }));
    const tv = tVisibilityOf(d, { trials: 100_000, budget: 30_000 });
    expect(tv.a.trials).toBe(10_000);
  });
});
