/** Golden tests: published figures the engine must reproduce exactly. */
import { describe, expect, it } from "vitest";
import { parseDesign } from "../design/validate";
import { analyze } from "./index";
import { oneStore } from "./testing";

function valid<T>(design: T): T {
  const r = parseDesign(design);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return design;
}

describe("etcd: cluster size → majority and failure tolerance", () => {
  // https://etcd.io/docs/v3.5/faq/#what-is-failure-tolerance
  const majority = [1, 2, 2, 3, 3, 4, 4, 5, 5];
  const tolerated = [0, 0, 1, 1, 2, 2, 3, 3, 4];
  for (let n = 1; n <= 9; n++) {
    it(`n = ${n}: majority ${majority[n - 1]}, tolerates ${tolerated[n - 1]}`, () => {
      const store = analyze(valid(oneStore({ n, replication: "consensus", store: { fencing: true } }))).stores[0];
      expect(store.majority).toBe(majority[n - 1]);
      expect(store.toleratedWriteFailures).toBe(tolerated[n - 1]);
      expect(store.toleratedReadFailures).toBe(tolerated[n - 1]);
    });
  }
});

describe("Cassandra consistency calculator (leaderless, n = RF)", () => {
  // ONE = 1, QUORUM = majority, ALL = n
  const cases = [
    { rf: 3, r: 2, w: 2, consistent: true, readSurvives: 1, writeSurvives: 1, durable: 1 },
    { rf: 3, r: 1, w: 1, consistent: false, readSurvives: 2, writeSurvives: 2, durable: 0 },
    { rf: 3, r: 1, w: 3, consistent: true, readSurvives: 2, writeSurvives: 0, durable: 2 },
    { rf: 5, r: 3, w: 3, consistent: true, readSurvives: 2, writeSurvives: 2, durable: 2 },
    { rf: 4, r: 3, w: 3, consistent: true, readSurvives: 1, writeSurvives: 1, durable: 2 },
  ];
  for (const c of cases) {
    it(`RF ${c.rf}, read ${c.r} / write ${c.w}`, () => {
      const a = analyze(
        valid(
          oneStore({
            n: c.rf,
            replication: "leaderless",
            store: { readQuorum: c.r, writeQuorum: c.w, conflictResolution: "lww" },
            operations: [{ id: "w", type: "write" }, { id: "r", type: "read" }],
          }),
        ),
      );
      const [write, read] = a.operations;
      expect(read.providedConsistency).toBe(c.consistent ? "linearizable" : "eventual");
      expect(a.stores[0].strongReads).toBe(c.consistent);
      expect(read.survivesNodeFailures).toBe(c.readSurvives);
      expect(write.survivesNodeFailures).toBe(c.writeSurvives);
      expect(write.durableAgainstFailures).toBe(c.durable);
    });
  }
});

describe("PBS (Bailis et al., VLDB 2012): probability of a stale read, k = 1", () => {
  const pbs = (n: number, r: number, w: number) =>
    analyze(valid(oneStore({ n, replication: "leaderless", store: { readQuorum: r, writeQuorum: w, conflictResolution: "lww" }, operations: [{ id: "r", type: "read" }] })));
  it("N=3, R=W=1 → 2/3, and P(within 2 versions) = 5/9", () => {
    const a = pbs(3, 1, 1);
    expect(a.operations[0].staleReadProbability).toBeCloseTo(2 / 3, 12);
    expect(a.stores[0].staleReadProbability).toBeCloseTo(2 / 3, 12);
    expect(1 - a.operations[0].staleReadProbability! ** 2).toBeCloseTo(5 / 9, 12);
    expect(a.operations[0].explain.staleReadProbability.text).toContain("C(2,1)/C(3,1)");
  });
  it("N=3, R=1, W=2 → 1/3", () => expect(pbs(3, 1, 2).operations[0].staleReadProbability).toBeCloseTo(1 / 3, 12));
  it("N=5, R=W=2 → 0.3", () => {
    const a = pbs(5, 2, 2);
    expect(a.operations[0].staleReadProbability).toBeCloseTo(0.3, 12);
    expect(a.operations[0].explain.staleReadProbability.text).toBe(
      "staleReadProbability = C(n−W, R)/C(n, R) = C(3,2)/C(5,2) = 0.3; within k versions: 1 − p^k (k = 2: 0.91)",
    );
  });
  it("N=100, R=W=30 → ≈1.88e-6", () => {
    const p = pbs(100, 30, 30).operations[0].staleReadProbability!;
    expect(p).toBeGreaterThan(1.875e-6);
    expect(p).toBeLessThan(1.885e-6);
  });
  it("0 exactly when R + W > n", () => expect(pbs(5, 3, 3).operations[0].staleReadProbability).toBe(0));
});
