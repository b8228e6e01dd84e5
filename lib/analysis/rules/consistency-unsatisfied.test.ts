import { describe, expect, it } from "vitest";
import { oneStore } from "../testing";
import { findingsOf } from "./test-helpers";

describe("consistency-unsatisfied", () => {
  it("flags an operation whose store provides less than it requires, as an error on the operation", () => {
    const d = oneStore({ n: 3, replication: "leaderless", store: { readQuorum: 1, writeQuorum: 1, conflictResolution: "lww" }, operations: [{ id: "get", type: "read", consistency: "linearizable" }] });
    const [f] = findingsOf("consistency-unsatisfied", d);
    expect(f).toMatchObject({ severity: "error", target: "get" });
    expect(f.message).toContain("requires linearizable but “S” provides eventual: raise R or W so that every read quorum meets every write quorum (R + W > n)");
  });
  it("is silent when the requirement is met", () => {
    expect(findingsOf("consistency-unsatisfied", oneStore({ n: 3, replication: "consensus", store: { fencing: true }, operations: [{ consistency: "linearizable" }] }))).toEqual([]);
  });
});
