import { describe, expect, it } from "vitest";
import { oneStore } from "../testing";
import { findingsOf } from "./test-helpers";

describe("conflict-resolution-missing", () => {
  it("errors when a leaderless or multi-leader store takes writes with no resolution", () => {
    for (const replication of ["leaderless", "multi-leader"] as const) {
      const [f] = findingsOf("conflict-resolution-missing", oneStore({ n: 3, replication, operations: [{ id: "put", name: "Put item", type: "write" }] }));
      expect(f).toMatchObject({ severity: "error", target: "s" });
      expect(f.message).toContain("(“Put item”)");
    }
  });
  it("is silent for crdt stores, read-only stores and chosen strategies", () => {
    expect(findingsOf("conflict-resolution-missing", oneStore({ n: 3, replication: "crdt" }))).toEqual([]);
    expect(findingsOf("conflict-resolution-missing", oneStore({ n: 3, replication: "leaderless", operations: [{ type: "read" }] }))).toEqual([]);
    expect(findingsOf("conflict-resolution-missing", oneStore({ n: 3, replication: "multi-leader", store: { conflictResolution: "vector-clocks" } }))).toEqual([]);
  });
});
