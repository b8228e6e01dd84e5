/** Hand-checked figures: latency, availability, survival, consistency, PACELC, escalation. */
import { describe, expect, it } from "vitest";
import { raftLedger } from "../design/examples/raft-ledger";
import type { Design } from "../design/schema";
import { parseDesign } from "../design/validate";
import { analyze } from "./index";
import { oneStore } from "./testing";

function valid(design: Design): Design {
  const r = parseDesign(design);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return design;
}

const threeRegions = [
  { a: "use1", b: "euw1", rttMs: 75 },
  { a: "use1", b: "apse1", rttMs: 215 },
  { a: "euw1", b: "apse1", rttMs: 160 },
];

describe("latency", () => {
  it("consensus across three regions: rtt(C, L) + the majority-th fastest rtt from the leader", () => {
    const a = analyze(raftLedger);
    const op = (id: string) => a.operations.find((o) => o.id === id)!;
    // transfer: C = use1 = L's region → 1 + kth({0, 75, 215}, 2) = 76
    expect(op("transfer").latencyMs).toBe(76);
    expect(op("transfer").explain.latencyMs.text).toBe("latency = rtt(C, L) + kth({rtt(L, r)}, majority) = 1 + kth({0, 75, 215}, 2) = 76 ms (leader ledger-1)");
    // balance: lease read from euw1 → rtt(euw1, use1) = 75
    expect(op("balance").latencyMs).toBe(75);
    // statement: follower read from apse1 → nearest replica is in apse1 → 1
    expect(op("statement").latencyMs).toBe(1);
  });

  it("moving the leader moves the latency", () => {
    const moved = structuredClone(raftLedger);
    moved.stores![0].leader = "ledger-2"; // euw1
    const transfer = analyze(moved).operations.find((o) => o.id === "transfer")!;
    // rtt(use1, euw1) = 75, from euw1 leader: {75, 0, 160} → 2nd = 75 → 150
    expect(transfer.latencyMs).toBe(150);
  });

  it("leaderless: the coordinator is the replica nearest the callers, ties broken by replica order", () => {
    const d = oneStore({
      n: 3,
      replication: "leaderless",
      regions: ["euw1", "use1", "apse1"],
      links: threeRegions,
      store: { conflictResolution: "lww" },
      operations: [{ id: "r", type: "read", clientRegion: "use1", quorum: 2 }],
    });
    const op = analyze(valid(d)).operations[0];
    // K = n2 (use1, rtt 1); from K: {75, 0, 215} → 2nd = 75 → 76
    expect(op.latencyMs).toBe(76);
    expect(op.explain.latencyMs.text).toContain("coordinator K = node 2");
  });

  it("primary-sync write waits for the W-th fastest replica from the leader", () => {
    const d = oneStore({
      n: 3,
      replication: "primary-sync",
      regions: ["use1", "euw1", "apse1"],
      links: threeRegions,
      store: { writeQuorum: 2, fencing: true },
      operations: [{ id: "w", type: "write", clientRegion: "euw1" }, { id: "w3", type: "write", clientRegion: "euw1", quorum: 3 }, { id: "r", type: "read", clientRegion: "apse1" }],
    });
    const [w, w3, r] = analyze(valid(d)).operations;
    expect(w.latencyMs).toBe(75 + 75); // rtt(euw1, use1) + kth({0, 75, 215}, 2)
    expect(w3.latencyMs).toBe(75 + 215);
    expect(r.latencyMs).toBe(215); // leader read from apse1
  });

  it("a missing link makes the figure unknown and names the pair", () => {
    const d = oneStore({ n: 3, replication: "consensus", regions: ["a", "b", "c"], links: [{ a: "a", b: "b", rttMs: 10 }], store: { fencing: true, protocol: "raft" } });
    const a = analyze(valid(d));
    expect(a.operations[0].latencyMs).toBeNull();
    const missing = a.findings.filter((f) => f.rule === "missing-latency");
    // One finding per operation whose figure it made unknown; b–c is not needed (the leader is in a).
    expect(missing.map((f) => f.target)).toEqual(["op1", "op2"]);
    expect(missing[0].message).toContain("no round-trip time between a and c");
    expect(a.operations[0].missingLinks).toEqual(["a|c"]);
  });

  it("latency is never below the rtt to the nearest replica", () => {
    for (const op of analyze(raftLedger).operations) expect(op.latencyMs).toBeGreaterThanOrEqual(1);
  });
});

describe("availability", () => {
  it("any 2 of 3 with independent nodes: 3p²(1−p) + p³", () => {
    const p = 0.99;
    const d = oneStore({ n: 3, replication: "consensus", regions: ["a", "b", "c"], nodeAvailability: p, links: [{ a: "a", b: "b", rttMs: 1 }, { a: "a", b: "c", rttMs: 1 }, { a: "b", b: "c", rttMs: 1 }], store: { fencing: true } });
    expect(analyze(valid(d)).operations[0].availability).toBeCloseTo(3 * p * p * (1 - p) + p ** 3, 14);
  });

  it("correlated failures: two replicas in one region fall together", () => {
    // n1, n2 in region a (availability 0.9), n3 in b; nodes perfect. Majority 2 needs region a
    // up (both n1 and n2), or a down can't be covered by n3 alone → availability = 0.9.
    const d = oneStore({ n: 3, replication: "consensus", regions: ["a", "a", "b"], nodeAvailability: 1, regionAvailability: { a: 0.9, b: 0.8 }, links: [{ a: "a", b: "b", rttMs: 5 }], store: { fencing: true } });
    expect(analyze(valid(d)).operations[0].availability).toBeCloseTo(0.9, 14);
    // Spread 1-1-1 over a (0.9), b (0.8), c (0.95): P(at least 2 regions up)
    const spread = oneStore({ n: 3, replication: "consensus", regions: ["a", "b", "c"], nodeAvailability: 1, regionAvailability: { a: 0.9, b: 0.8, c: 0.95 }, links: [{ a: "a", b: "b", rttMs: 1 }, { a: "a", b: "c", rttMs: 1 }, { a: "b", b: "c", rttMs: 1 }], store: { fencing: true } });
    const [a, b, c] = [0.9, 0.8, 0.95];
    const expected = a * b * c + a * b * (1 - c) + a * (1 - b) * c + (1 - a) * b * c;
    expect(analyze(valid(spread)).operations[0].availability).toBeCloseTo(expected, 14);
  });

  it("a leader read needs the leader's region and node", () => {
    const d = oneStore({ n: 2, replication: "primary-sync", regions: ["a", "b"], nodeAvailability: 0.99, regionAvailability: { a: 0.999 }, links: [{ a: "a", b: "b", rttMs: 5 }], store: { fencing: true }, operations: [{ type: "read" }] });
    expect(analyze(valid(d)).operations[0].availability).toBeCloseTo(0.999 * 0.99, 14);
  });

  it("primary-sync write: the leader and W−1 others", () => {
    const p = 0.9;
    const d = oneStore({ n: 3, replication: "primary-sync", nodeAvailability: p, store: { writeQuorum: 2, fencing: true }, operations: [{ type: "write" }] });
    // leader up × P(at least 1 of 2 others up)
    expect(analyze(valid(d)).operations[0].availability).toBeCloseTo(p * (1 - (1 - p) ** 2), 14);
  });
});

describe("zone and region survival", () => {
  it("a majority spread over three zones survives a zone loss; two in one zone does not", () => {
    const spread = analyze(valid(oneStore({ n: 3, replication: "consensus", zones: ["a", "b", "c"], store: { fencing: true } }))).operations[0];
    expect(spread.survivesZoneLoss).toBe(true);
    expect(spread.survivesRegionLoss).toBe(false);
    const packed = analyze(valid(oneStore({ n: 3, replication: "consensus", zones: ["a", "a", "b"], store: { fencing: true } }))).operations[0];
    expect(packed.survivesZoneLoss).toBe(false);
  });

  it("no zones named → survivesZoneLoss is null", () => {
    expect(analyze(valid(oneStore({ n: 3, replication: "consensus", store: { fencing: true } }))).operations[0].survivesZoneLoss).toBeNull();
  });

  it("three regions survive a region loss; a leader read does not", () => {
    const r = analyze(raftLedger).operations;
    expect(r.find((o) => o.id === "transfer")!.survivesRegionLoss).toBe(true);
    const leaderRead = analyze(valid(oneStore({ n: 3, replication: "primary-sync", regions: ["a", "b", "c"], links: [{ a: "a", b: "b", rttMs: 1 }, { a: "a", b: "c", rttMs: 1 }, { a: "b", b: "c", rttMs: 1 }], store: { fencing: true }, operations: [{ type: "read" }] }))).operations[0];
    expect(leaderRead.survivesRegionLoss).toBe(false);
    expect(leaderRead.survivesNodeFailures).toBe(0);
    expect(leaderRead.cap).toBe("CP");
  });
});

describe("consistency, CAP and PACELC", () => {
  it("follower reads give consistent-prefix; session guarantees raise it to session", () => {
    const base = oneStore({ n: 3, replication: "consensus", store: { fencing: true }, operations: [{ type: "read", readMode: "follower", consistency: "session" }] });
    const plain = analyze(valid(base)).operations[0];
    expect(plain).toMatchObject({ providedConsistency: "consistent-prefix", satisfied: false, cap: "AP", staleReadProbability: null });
    base.stores![0].sessionGuarantees = true;
    expect(analyze(valid(base)).operations[0]).toMatchObject({ providedConsistency: "session", satisfied: true });
  });

  it("multi-leader and crdt are eventual and AP; pacelc PA/EL", () => {
    for (const replication of ["multi-leader", "crdt"] as const) {
      const a = analyze(valid(oneStore({ n: 3, replication, store: { conflictResolution: "crdt" } })));
      expect(a.operations.every((o) => o.cap === "AP" && o.providedConsistency === "eventual")).toBe(true);
      expect(a.stores[0].pacelc).toBe("PA/EL");
      expect(a.operations[0].durableAgainstFailures).toBe(0);
    }
  });

  it("CP writes with AP follower reads are PC/EL (PNUTS-style), with the split listed", () => {
    const a = analyze(valid(oneStore({ n: 3, replication: "consensus", store: { fencing: true }, operations: [{ id: "w", type: "write" }, { id: "r", type: "read", readMode: "follower" }] })));
    expect(a.stores[0]).toMatchObject({ pacelc: "PC/EL", pacelcPartition: "PC", pacelcElse: "EL" });
    expect(a.stores[0].capSplit).toEqual({ cp: ["w"], ap: ["r"], neither: [] });
  });

  it("writes CP on one operation and not on another: the partition half is mixed", () => {
    const a = analyze(valid(oneStore({ n: 5, replication: "leaderless", store: { readQuorum: 3, writeQuorum: 3, conflictResolution: "lww" }, operations: [{ id: "w3", type: "write" }, { id: "w1", type: "write", quorum: 1 }, { id: "r", type: "read" }] })));
    // W = 1 does not meet R = 3 of 5: reads go eventual, so no write is linearizable either; W = 1 is AP.
    expect(a.operations.map((o) => o.cap)).toEqual(["neither", "AP", "neither"]);
    expect(a.stores[0].pacelcPartition).toBe("PA");
    // R = W = 5 of 5 plus a W = 1 write: the full write meets every read and write (CP), the W = 1
    // write cannot meet another W = 1 on the other side of a partition (AP): mixed.
    const b = analyze(valid(oneStore({ n: 5, replication: "leaderless", store: { readQuorum: 5, writeQuorum: 5, conflictResolution: "lww" }, operations: [{ id: "all", type: "write" }, { id: "one", type: "write", quorum: 1 }, { id: "r", type: "read" }] })));
    expect(b.operations.map((o) => [o.cap, o.providedConsistency])).toEqual([["CP", "linearizable"], ["AP", "eventual"], ["CP", "linearizable"]]);
    expect(b.stores[0]).toMatchObject({ pacelc: "mixed/EL", pacelcPartition: "mixed", pacelcElse: "EL" });
    const c = analyze(valid(oneStore({ n: 3, replication: "primary-sync", store: { fencing: true }, operations: [{ id: "w", type: "write" }, { id: "r", type: "read" }] })));
    expect(c.stores[0].pacelc).toBe("PC/EC");
  });

  it("a store no operation uses has no PACELC position", () => {
    expect(analyze(valid(oneStore({ n: 1, replication: "consensus", store: { fencing: true }, operations: [] }))).stores[0].pacelc).toBeNull();
  });

  it("primary-async: durable against 0 failures, linearizable leader reads", () => {
    const a = analyze(valid(oneStore({ n: 3, replication: "primary-async", store: { fencing: true } })));
    expect(a.operations[0]).toMatchObject({ type: "write", durableAgainstFailures: 0, cap: "CP", survivesNodeFailures: 0 });
    expect(a.operations[1]).toMatchObject({ providedConsistency: "linearizable", staleReadProbability: 0 });
  });
});

describe("escalation ladder", () => {
  const level = (d: Design) => analyze(valid(d)).escalationLevel;
  it("follows the spec's order", () => {
    expect(level(oneStore({ n: 1, replication: "consensus", store: { fencing: true } }))).toBe(0);
    expect(level(oneStore({ n: 3, replication: "consensus", store: { fencing: true }, context: { sharedState: false } }))).toBe(1);
    expect(level(oneStore({ n: 3, replication: "crdt", context: { presenceOnly: true } }))).toBe(2);
    expect(level(oneStore({ n: 3, replication: "consensus", store: { fencing: true }, operations: [{ consistency: "linearizable" }] }))).toBe(3);
    expect(level(oneStore({ n: 3, replication: "crdt" }))).toBe(4);
    expect(level(oneStore({ n: 3, replication: "crdt", context: { clusterSize: 51 } }))).toBe(5);
    expect(analyze(raftLedger).escalation.explain.text).toBe("Escalation level 3 (Strongly consistent shared state): the system context answers “no” to “Is eventual consistency acceptable everywhere?”");
  });
});

describe("the example", () => {
  it("the Raft ledger is SOUND", () => {
    const a = analyze(raftLedger);
    expect(a.findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(a.checklist.filter((c) => c.status === "FAIL")).toEqual([]);
    expect(a.verdict).toBe("SOUND");
  });
});
