import { describe, expect, it } from "vitest";
import { oneStore } from "../testing";
import { findingsOf } from "./test-helpers";

describe("quorum-linearizability", () => {
  it("warns on a write that requires linearizable on a leaderless data store (LWW can drop acknowledged writes)", () => {
    const d = oneStore({ n: 3, replication: "leaderless", store: { conflictResolution: "lww" }, operations: [{ id: "w", type: "write", consistency: "linearizable" }, { id: "r", type: "read", consistency: "linearizable" }] });
    const found = findingsOf("quorum-linearizability", d);
    expect(found).toMatchObject([{ severity: "warning", target: "w" }]);
    expect(found[0].message).toContain("lightweight transactions");
  });
  it("does not warn for reads, weaker requirements, leaderless locks (redlock-correctness) or consensus stores", () => {
    expect(findingsOf("quorum-linearizability", oneStore({ n: 3, replication: "leaderless", store: { conflictResolution: "lww" }, operations: [{ type: "read", consistency: "linearizable" }] }))).toEqual([]);
    expect(findingsOf("quorum-linearizability", oneStore({ n: 3, replication: "leaderless", store: { conflictResolution: "lww" }, operations: [{ type: "write", consistency: "causal" }] }))).toEqual([]);
    expect(findingsOf("quorum-linearizability", oneStore({ n: 3, replication: "leaderless", store: { purpose: "lock", conflictResolution: "lww" }, operations: [{ type: "write", consistency: "linearizable" }] }))).toEqual([]);
    expect(findingsOf("quorum-linearizability", oneStore({ n: 3, replication: "consensus", operations: [{ type: "write", consistency: "linearizable" }] }))).toEqual([]);
  });
});
