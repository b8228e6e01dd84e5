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
});
