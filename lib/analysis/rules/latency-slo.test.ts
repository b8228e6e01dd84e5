import { describe, expect, it } from "vitest";
import { oneStore } from "../testing";
import { findingsOf } from "./test-helpers";

const links = [{ a: "x", b: "y", rttMs: 80 }];
// Three voters, one per region, leader n1 in x: a quorum read from x waits 1 + 80 ms, a lease read 1 ms.
const far = [
  { a: "x", b: "y", rttMs: 80 },
  { a: "x", b: "z", rttMs: 90 },
  { a: "y", b: "z", rttMs: 60 },
];

describe("latency-slo", () => {
  it("errors when the estimate exceeds the SLO, naming both numbers", () => {
    const d = oneStore({ n: 1, replication: "consensus", regions: ["x"], links, store: { fencing: true }, operations: [{ id: "w", type: "write", clientRegion: "y", latencySloMs: 50 }] });
    const [f] = findingsOf("latency-slo", d);
    expect(f).toMatchObject({ severity: "error", target: "w" });
    expect(f.message).toContain("takes about 80 ms, over its 50 ms SLO");
  });
  it("is silent within the SLO or without one", () => {
    expect(findingsOf("latency-slo", oneStore({ n: 1, replication: "consensus", regions: ["x"], links, store: { fencing: true }, operations: [{ type: "write", clientRegion: "y", latencySloMs: 81 }] }))).toEqual([]);
    expect(findingsOf("latency-slo", oneStore({ n: 1, replication: "consensus", regions: ["x"], links, store: { fencing: true }, operations: [{ type: "write", clientRegion: "y" }] }))).toEqual([]);
  });
  it("a linearizable quorum read on a consensus store is told to use lease reads first, never a weaker read mode", () => {
    const d = oneStore({ n: 3, replication: "consensus", regions: ["x", "y", "z"], links: far, operations: [{ id: "r", type: "read", consistency: "linearizable", clientRegion: "x", latencySloMs: 20 }] });
    const [f] = findingsOf("latency-slo", d);
    expect(f.message).toContain("takes about 81 ms, over its 20 ms SLO: use lease reads: the leader answers from its lease without a quorum round trip, and the read stays linearizable (about 1 ms), move the leader or replicas closer to x, or relax the SLO.");
    expect(f.message).not.toMatch(/weaker|follower/);
  });
  it("suggests follower reads only when the read's requirement allows what they give", () => {
    const allowed = oneStore({ n: 3, replication: "consensus", regions: ["x", "y", "z"], links: far, store: { maxStalenessMs: 5000 }, operations: [{ id: "r", type: "read", consistency: "bounded-staleness", clientRegion: "x", latencySloMs: 20 }] });
    const [f] = findingsOf("latency-slo", allowed);
    expect(f.message).toMatch(/^“op 1” takes about 81 ms, over its 20 ms SLO: use lease reads/);
    expect(f.message).toContain("read from a nearby follower (follower reads give bounded-staleness, which its bounded-staleness requirement allows)");
    // Without a staleness bound, follower reads give consistent-prefix: not enough for bounded-staleness.
    const unbounded = oneStore({ n: 3, replication: "consensus", regions: ["x", "y", "z"], links: far, operations: [{ type: "read", consistency: "bounded-staleness", clientRegion: "x", latencySloMs: 20 }] });
    expect(findingsOf("latency-slo", unbounded)[0].message).not.toContain("follower");
    const primary = oneStore({ n: 2, replication: "primary-sync", regions: ["x", "y"], links, store: { fencing: true }, operations: [{ type: "read", consistency: "linearizable", clientRegion: "y", latencySloMs: 20 }] });
    expect(findingsOf("latency-slo", primary)[0].message).not.toMatch(/follower|lease|weaker/);
  });
  it("a leaderless read that must be linearizable is never told to read from fewer replicas; an eventual one is", () => {
    const strict = oneStore({ n: 3, replication: "leaderless", regions: ["x", "y", "y"], links, store: { conflictResolution: "lww" }, operations: [{ type: "write", consistency: "eventual" }, { type: "read", consistency: "linearizable", clientRegion: "x", latencySloMs: 20 }] });
    const [f] = findingsOf("latency-slo", strict);
    expect(f.message).toBe("“op 2” takes about 81 ms, over its 20 ms SLO: move replicas closer to x, or relax the SLO.");
    const relaxed = oneStore({ n: 3, replication: "leaderless", regions: ["x", "y", "y"], links, store: { conflictResolution: "lww" }, operations: [{ type: "write" }, { type: "read", consistency: "eventual", clientRegion: "x", latencySloMs: 20 }] });
    expect(findingsOf("latency-slo", relaxed)[0].message).toContain("read from fewer replicas (a smaller read quorum gives eventual, which its eventual requirement allows)");
  });
});
