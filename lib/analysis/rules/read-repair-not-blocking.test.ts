import { describe, expect, it } from "vitest";
import { oneStore } from "../testing";
import { findingsOf } from "./test-helpers";

const store = (readRepair: "blocking" | "async" | "none", extra: object = {}) =>
  oneStore({ n: 3, replication: "leaderless", store: { readRepair, conflictResolution: "lww", ...extra }, operations: [{ id: "w", type: "write" }, { id: "r", name: "Read cart", type: "read", consistency: "linearizable" }] });

describe("read-repair-not-blocking", () => {
  it("warns on a strong-quorum read that needs more than eventual when read repair is not blocking", () => {
    for (const mode of ["async", "none"] as const) {
      const [f] = findingsOf("read-repair-not-blocking", store(mode));
      expect(f).toMatchObject({ severity: "warning", target: "r" });
      expect(f.message).toContain("Set read repair to blocking");
    }
  });
  it("is silent with blocking read repair, on sloppy stores (sloppy-quorum instead), and for eventual reads", () => {
    expect(findingsOf("read-repair-not-blocking", store("blocking"))).toEqual([]);
    expect(findingsOf("read-repair-not-blocking", store("async", { sloppyQuorum: true }))).toEqual([]);
    expect(findingsOf("read-repair-not-blocking", oneStore({ n: 3, replication: "leaderless", store: { readRepair: "async", conflictResolution: "lww" }, operations: [{ type: "write" }, { type: "read", consistency: "eventual" }] }))).toEqual([]);
  });
  it("is silent when the quorums do not intersect (consistency-unsatisfied says that)", () => {
    expect(findingsOf("read-repair-not-blocking", store("async", { readQuorum: 1, writeQuorum: 1 }))).toEqual([]);
  });
});
