import { describe, expect, it } from "vitest";
import { raftLedger } from "../design/examples/raft-ledger";
import type { Design } from "../design/schema";
import { oneStore } from "./testing";
import { scenarioProblems, simulate } from "./simulate";

const byId = (d: Design, scenario: Parameters<typeof simulate>[1]) => Object.fromEntries(simulate(d, scenario).operations.map((o) => [o.id, o]));

describe("simulate", () => {
  it("losing one region of three keeps the majority; losing two stops consensus", () => {
    const one = byId(raftLedger, { failRegions: ["apse1"] });
    expect(one.transfer.available && one.balance.available && one.statement.available).toBe(true);
    const two = byId(raftLedger, { failRegions: ["apse1", "euw1"] });
    expect(two.transfer.available).toBe(false);
    expect(two.balance.available).toBe(false);
    // a follower read needs any one replica: ledger-1 is still up
    expect(two.statement.available).toBe(true);
  });

  it("a split leaves only the majority side writable; callers on the minority side are cut off", () => {
    const sim = byId(raftLedger, { split: [["use1"], ["euw1", "apse1"]] });
    expect(sim.transfer.available).toBe(false); // callers in use1, majority on the other side
    expect(sim.balance.available).toBe(true); // callers in euw1
    expect(sim.transfer.diverging).toBe(false);
  });

  it("regions no side names stay connected to each other, as one more side", () => {
    // Cutting ap-southeast-1 off leaves us-east-1 and eu-west-1 together: a majority of the three.
    const cut = byId(raftLedger, { split: [["apse1"]] });
    expect(cut.transfer.available).toBe(true);
    expect(cut.balance.available).toBe(true);
    expect(simulate(raftLedger, { split: [["apse1"]] }).sides).toEqual([["apse1"], ["use1", "euw1"]]);
    // The same split written out in full gives the same answer.
    expect(byId(raftLedger, { split: [["apse1"], ["use1", "euw1"]] })).toEqual(cut);
    // Two named sides and the rest: three sides, no majority anywhere.
    const three = byId(raftLedger, { split: [["apse1"], ["euw1"]] });
    expect(three.transfer.available).toBe(false);
    // An empty side (the studio keeps side letters stable) changes nothing.
    expect(byId(raftLedger, { split: [[], ["apse1"]] })).toEqual(cut);
  });

  it("AP writes accepted on both sides are reported as diverging", () => {
    const d = oneStore({
      n: 2,
      replication: "multi-leader",
      regions: ["a", "b"],
      links: [{ a: "a", b: "b", rttMs: 50 }],
      store: { conflictResolution: "lww" },
      operations: [{ id: "w", type: "write", clientRegion: "a" }, { id: "r", type: "read", clientRegion: "b" }],
    });
    const sim = byId(d, { split: [["a"], ["b"]] });
    expect(sim.w).toMatchObject({ available: true, diverging: true });
    expect(sim.r).toMatchObject({ available: true, diverging: false });
  });

  it("callers of a failed region fail over to the surviving regions", () => {
    const sim = byId(raftLedger, { failRegions: ["use1"] });
    expect(sim.transfer.available).toBe(true);
  });

  it("fails zones and single nodes", () => {
    const d = oneStore({ n: 3, replication: "consensus", zones: ["a", "a", "b"], store: { fencing: true } });
    expect(byId(d, { failZones: ["r1/a"] }).op1.available).toBe(false);
    expect(byId(d, { failZones: ["r1/b"] }).op1.available).toBe(true);
    expect(byId(d, { failNodes: ["n1", "n3"] }).op1.available).toBe(false);
    expect(simulate(d, { failNodes: ["n1"] }).downNodes).toEqual(["n1"]);
  });

  it("reports unknown ids in a scenario with their paths", () => {
    expect(scenarioProblems(raftLedger, { failRegions: ["mars"], failZones: ["use1/z", "nope"], failNodes: ["x"], split: [["use1"], ["use1", "q"]] })).toEqual([
      { path: "failRegions[0]", message: 'unknown region "mars"' },
      { path: "failZones[0]", message: 'region "use1" has no zone "z"' },
      { path: "failZones[1]", message: 'unknown region "nope" (write zones as REGION/ZONE)' },
      { path: "failNodes[0]", message: 'unknown node "x"' },
      { path: "split[1][0]", message: 'region "use1" is on two sides' },
      { path: "split[1][1]", message: 'unknown region "q"' },
    ]);
  });

  it("latency follows the failure: a consensus store elects a new leader on the majority side", () => {
    const before = byId(raftLedger, {});
    expect(before.transfer.latencyMs).toBe(76); // 1 + kth({0, 75, 215}, 2) through ledger-1 in us-east-1
    expect(before.balance.latencyMs).toBe(75); // lease read from eu-west-1 to the leader
    const after = byId(raftLedger, { failRegions: ["use1"] });
    // ledger-2 (eu-west-1) is the first listed replica up on the side holding a majority.
    expect(after.transfer.latencyMs).toBe(75 + 160); // callers still in us-east-1's place: rtt 75 to the new leader + kth({0, 160}, 2)
    expect(after.balance.latencyMs).toBe(1); // the lease holder is now local to eu-west-1
    expect(after.balance.reason).toMatch(/new leader ledger-2 elected after the election timeout \(\d+ ms\)/);
    expect(after.statement.latencyMs).toBe(0 + 1); // follower read in ap-southeast-1: its own replica
    expect(simulate(raftLedger, {}).leaders).toEqual({ ledger: "ledger-1" });
    expect(simulate(raftLedger, { failRegions: ["use1"] }).leaders).toEqual({ ledger: "ledger-2" });
    expect(simulate(raftLedger, { failRegions: ["use1", "euw1"] }).leaders).toEqual({ ledger: null }); // no majority anywhere
  });

  it("an unavailable operation has no latency", () => {
    const two = byId(raftLedger, { failRegions: ["use1", "euw1"] });
    expect(two.transfer).toMatchObject({ available: false, latencyMs: null });
  });

  describe("primary-*: promotion and split brain", () => {
    const primary = (fencing: boolean) =>
      oneStore({
        n: 2,
        replication: "primary-async",
        regions: ["a", "b"],
        links: [{ a: "a", b: "b", rttMs: 40 }],
        store: { fencing, failoverMs: 15000 },
        operations: [
          { id: "wa", type: "write", clientRegion: "a" },
          { id: "wb", type: "write", clientRegion: "b" },
          { id: "rb", type: "read", clientRegion: "b" },
        ],
      });
    it("the leader's loss promotes the first up replica on the callers' side, which serves the leader's operations", () => {
      const sim = byId(primary(true), { failNodes: ["n1"] });
      expect(sim.wb).toMatchObject({ available: true, diverging: false, latencyMs: 1 });
      expect(sim.wb.reason).toContain("node 2 promoted after the failover time (15000 ms)");
      expect(sim.rb).toMatchObject({ available: true, latencyMs: 1 });
      expect(sim.wa).toMatchObject({ available: true, latencyMs: 40 }); // callers in a reach the promoted replica in b
    });
    it("a split without fencing: the old primary and the promoted one both accept writes (diverging)", () => {
      const sim = byId(primary(false), { split: [["a"], ["b"]] });
      expect(sim.wb).toMatchObject({ available: true, diverging: true });
      expect(sim.wa).toMatchObject({ available: true, diverging: false }); // the a side keeps its primary; nobody promotes there
    });
    it("with fencing tokens the old primary's writes are rejected: no divergence", () => {
      const sim = byId(primary(true), { split: [["a"], ["b"]] });
      expect(sim.wb).toMatchObject({ available: true, diverging: false });
      expect(sim.wb.reason).toContain("fencing tokens reject the old primary's writes");
    });
  });

  it("sloppy quorums: any reachable replica accepts (AP writes diverge on both sides), latency null below the written quorum", () => {
    const d = oneStore({
      n: 4,
      replication: "leaderless",
      regions: ["a", "a", "b", "b"],
      links: [{ a: "a", b: "b", rttMs: 30 }],
      store: { readQuorum: 3, writeQuorum: 3, sloppyQuorum: true, conflictResolution: "vector-clocks" },
      operations: [{ id: "w", type: "write", clientRegion: "a" }],
    });
    const sim = byId(d, { split: [["a"], ["b"]] });
    expect(sim.w).toMatchObject({ available: true, diverging: true, latencyMs: null });
    expect(byId(d, {}).w.latencyMs).toBe(1 + 30);
  });

  it("local-quorum keeps the callers' local region: losing it stops the operation", () => {
    const d = oneStore({
      n: 6,
      replication: "leaderless",
      regions: ["dc1", "dc1", "dc1", "dc2", "dc2", "dc2"],
      links: [{ a: "dc1", b: "dc2", rttMs: 80 }],
      store: { readQuorum: "local-quorum", writeQuorum: "local-quorum", conflictResolution: "lww" },
      operations: [{ id: "w", type: "write", clientRegion: "dc1" }, { id: "r2", type: "read", clientRegion: "dc2" }],
    });
    expect(byId(d, { failNodes: ["n1"] }).w).toMatchObject({ available: true, latencyMs: 1 + 1 }); // K = n2, then kth({0, 1}, 2)
    expect(byId(d, { failNodes: ["n1", "n2"] }).w.available).toBe(false);
    expect(byId(d, { failRegions: ["dc1"] }).w.available).toBe(false);
    expect(byId(d, { failRegions: ["dc1"] }).r2).toMatchObject({ available: true, latencyMs: 1 + 1 });
    expect(byId(d, { split: [["dc1"], ["dc2"]] }).w).toMatchObject({ available: true, diverging: false });
  });
});
