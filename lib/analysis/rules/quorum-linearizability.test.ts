import { describe, expect, it } from "vitest";
import { oneStore } from "../testing";
import { findingsOf } from "./test-helpers";

describe("quorum-linearizability", () => {
  it("warns when a linearizable operation relies on leaderless quorum intersection", () => {
    const d = oneStore({ n: 3, replication: "leaderless", store: { conflictResolution: "lww" }, operations: [{ id: "r", type: "read", consistency: "linearizable" }] });
    expect(findingsOf("quorum-linearizability", d)).toMatchObject([{ severity: "warning", target: "r" }]);
  });
  it("does not warn for weaker requirements or consensus stores", () => {
    expect(findingsOf("quorum-linearizability", oneStore({ n: 3, replication: "leaderless", store: { conflictResolution: "lww" }, operations: [{ type: "read", consistency: "causal" }] }))).toEqual([]);
    expect(findingsOf("quorum-linearizability", oneStore({ n: 3, replication: "consensus", store: { fencing: true }, operations: [{ consistency: "linearizable" }] }))).toEqual([]);
  });
});
