import { describe, expect, it } from "vitest";
import { oneStore } from "../testing";
import { findingsOf } from "./test-helpers";

describe("lock-without-fencing", () => {
  it("errors on a correctness lock without fencing, whatever its replication", () => {
    for (const replication of ["consensus", "leaderless"] as const) {
      const [f] = findingsOf("lock-without-fencing", oneStore({ n: 3, replication, store: { purpose: "lock", conflictResolution: replication === "leaderless" ? "lww" : undefined }, operations: [{ type: "write", consistency: "linearizable" }] }));
      expect(f).toMatchObject({ severity: "error", target: "s" });
      expect(f.message).toContain("grants locks without fencing tokens");
    }
    // A lock store with no operations yet is treated as a correctness lock.
    expect(findingsOf("lock-without-fencing", oneStore({ n: 3, replication: "consensus", store: { purpose: "lock" }, operations: [] }))).toHaveLength(1);
  });
  it("errors on coordination stores and on primaries that can fail over", () => {
    expect(findingsOf("lock-without-fencing", oneStore({ n: 3, replication: "consensus", store: { purpose: "coordination" } }))[0].message).toContain("coordinates leaders");
    for (const replication of ["primary-sync", "primary-async"] as const) {
      expect(findingsOf("lock-without-fencing", oneStore({ n: 2, replication }))[0].message).toContain("fails over to a replica");
    }
  });
  it("is silent for consensus data stores (terms fence them), single-node primaries, efficiency locks and fenced stores", () => {
    expect(findingsOf("lock-without-fencing", oneStore({ n: 3, replication: "consensus" }))).toEqual([]);
    expect(findingsOf("lock-without-fencing", oneStore({ n: 1, replication: "primary-async" }))).toEqual([]);
    expect(findingsOf("lock-without-fencing", oneStore({ n: 1, replication: "leaderless", store: { purpose: "lock", conflictResolution: "lww" }, operations: [{ type: "write", consistency: "eventual" }] }))).toEqual([]);
    expect(findingsOf("lock-without-fencing", oneStore({ n: 3, replication: "consensus", store: { fencing: true, purpose: "lock" } }))).toEqual([]);
    expect(findingsOf("lock-without-fencing", oneStore({ n: 3, replication: "leaderless", store: { conflictResolution: "lww" } }))).toEqual([]);
  });
  it("tells a leaderless lock that it cannot fence at all", () => {
    const [f] = findingsOf("lock-without-fencing", oneStore({ n: 5, replication: "leaderless", store: { purpose: "lock", conflictResolution: "lww" }, operations: [{ type: "write", consistency: "linearizable" }] }));
    expect(f.message).toContain("cannot issue fencing tokens at all");
  });
});
